using Microsoft.AspNetCore.Components;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Components;

/// <summary>The chart's geometry: plot area, scales and the values its markup draws.</summary>
public partial class XmrChart
{
    private const double Width = 800;
    private const double Height = 360;
    private const double Left = 64;
    private const double Right = 24;
    private const double Top = 24;
    private const double Bottom = 64;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    // Not Making Data Count colours: lines and furniture, kept quieter than the points.
    private const string Ink = "#212b32";
    private const string LimitInk = "#4c6272";
    private const string TargetInk = "#d5281b";
    private const string BaselineFill = "#e8edee";

    private double _min;
    private double _max;

    [Parameter, EditorRequired]
    public Contract.GoalProgress Progress { get; set; } = null!;

    private IList<Contract.ProgressPoint> Points => Progress.Points;

    private string Label => $"XmR chart of {Progress.MeasureName}: {Points.Count} points from {Points[0].Period} to {Points[^1].Period}";

    private double Gap => Points.Count == 1 ? PlotWidth : PlotWidth / (Points.Count - 1);

    private int LabelEvery => Math.Max(1, (int)Math.Ceiling(Points.Count / 10.0));

    protected override void OnParametersSet()
    {
        if (Points.Count == 0)
        {
            return;
        }

        var values = Points.Select(p => p.Value)
            .Concat(Progress.Segments.Where(s => s.HasLimits).SelectMany(s => new[] { s.UpperLimit, s.LowerLimit }))
            .Concat(Progress.HasTarget ? [Progress.Target] : []).ToList();
        var (min, max) = (values.Min(), values.Max());
        var pad = max > min ? (max - min) * 0.08 : Math.Max(1, Math.Abs(max) * 0.1);
        (_min, _max) = (min - pad, max + pad);
    }

    private double X(int i) => Points.Count == 1 ? Left + (PlotWidth / 2) : Left + (i * PlotWidth / (Points.Count - 1));

    private double Y(double v) => Top + ((_max - v) / (_max - _min) * PlotHeight);

    private string Series() => string.Join(' ', Points.Select((p, i) => $"{HtmlText.C(X(i))},{HtmlText.C(Y(p.Value))}"));

    private IEnumerable<(Contract.SpcSegment Segment, double X0, double X1)> Baselines()
    {
        foreach (var segment in Progress.Segments.Where(s => s.BaselinePointCount > 0))
        {
            var baseline = Indices(p => p.Segment == segment.Index && p.InBaseline);
            if (baseline.Count > 0)
            {
                yield return (segment, Math.Max(Left, X(baseline[0]) - (Gap / 2)), Math.Min(Left + PlotWidth, X(baseline[^1]) + (Gap / 2)));
            }
        }
    }

    private IEnumerable<double> GridValues()
    {
        var step = NiceStep((_max - _min) / 5);
        for (var v = Math.Ceiling(_min / step) * step; v <= _max; v += step)
        {
            yield return v;
        }
    }

    private List<int> Indices(Func<Contract.ProgressPoint, bool> which) =>
        [.. Enumerable.Range(0, Points.Count).Where(i => which(Points[i]))];

    private string PointText(Contract.ProgressPoint point, string cause)
    {
        var signals = point.Signals.Count > 0 ? $" ({string.Join(", ", point.Signals)})" : "";
        return $"{point.Period}: {HtmlText.N(point.Value)} {Progress.Unit}, {cause}{signals}";
    }

    private static string Shape(string cause) => cause == ChartCause.CommonCause ? "common" : cause.Replace("special cause ", "special-", StringComparison.Ordinal);

    private static double NiceStep(double rough)
    {
        if (rough <= 0 || double.IsNaN(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
