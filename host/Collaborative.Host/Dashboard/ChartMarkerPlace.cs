using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// Where a marker sits along a chart whose points are spaced evenly by position, not by date: at its period's point,
/// or between the points either side of a period with no observation; nowhere (null) outside the chart's periods.
/// </summary>
internal static class ChartMarkerPlace
{
    /// <summary>The marker's position as a fractional point index, or null when its period is not on the chart.</summary>
    public static double? Of(IList<Contract.ProgressPoint> points, ChartMarker marker)
    {
        var periods = new List<Period>(points.Count);
        foreach (var point in points)
        {
            if (!Period.TryParse(point.Period, marker.Period.Kind, out var period, out _))
            {
                return null; // the chart's periods are of another kind: nothing of this marker's sits on it
            }

            periods.Add(period);
        }

        if (periods.Count == 0 || marker.Period < periods[0] || marker.Period > periods[^1])
        {
            return null;
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i] == marker.Period)
            {
                return i;
            }

            if (periods[i] > marker.Period)
            {
                var before = periods[i - 1];
                return i - 1 + ((double)before.StepsTo(marker.Period) / before.StepsTo(periods[i]));
            }
        }

        return null;
    }

    /// <summary>What a kind of marker is called in the list and the legend.</summary>
    public static string Word(ChartMarkerKind kind) => kind switch
    {
        ChartMarkerKind.PdsaCycle => "PDSA cycle",
        ChartMarkerKind.Annotation => "Note",
        ChartMarkerKind.LearningEvent => "Learning event",
        _ => kind.ToString(),
    };

    /// <summary>The class that gives each kind its shape and colour.</summary>
    public static string Class(ChartMarkerKind kind) => kind switch
    {
        ChartMarkerKind.PdsaCycle => "pdsa",
        ChartMarkerKind.Annotation => "note",
        ChartMarkerKind.LearningEvent => "event",
        _ => "other",
    };

    /// <summary>Each kind's colour: not a Making Data Count colour, so a marker is never read as a point's cause.</summary>
    public static string Colour(ChartMarkerKind kind) => kind switch
    {
        ChartMarkerKind.PdsaCycle => "#005eb8",
        ChartMarkerKind.LearningEvent => "#007f3b",
        _ => "#4c6272",
    };
}
