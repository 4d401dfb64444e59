using Collaborative.Programme.Method;
using Microsoft.AspNetCore.Components;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Components;

/// <summary>The chart's geometry: plot area, scales, the values its markup draws and where its markers sit.</summary>
public partial class XmrChart
{
    private const double Width = 800;
    private const double Height = 360;
    private const double Left = 64;
    private const double Right = 24;
    private const double Bottom = 64;
    private const double PlotWidth = Width - Left - Right;

    // Markers stand in a band above the plot, up to three to a period (a third slot says how many more).
    private const double MarkerTop = 27;
    private const double MarkerRow = 18;
    private const int MarkerRows = 3;
    private const double TipWidth = 300;
    private const int TipChars = 44;

    // Not Making Data Count colours: lines and furniture, kept quieter than the points.
    private const string Ink = "#212b32";
    private const string LimitInk = "#4c6272";
    private const string TargetInk = "#d5281b";
    private const string BaselineFill = "#e8edee";

    private double _min;
    private double _max;
    private List<MarkerColumn> _columns = [];

    [Parameter, EditorRequired]
    public Contract.GoalProgress Progress { get; set; } = null!;

    /// <summary>PDSA cycles, notes and learning events at periods of the chart; those outside its periods are not drawn.</summary>
    [Parameter]
    public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    private double Top => 24 + (_columns.Count == 0 ? 0 : Math.Min(MarkerRows, _columns.Max(c => c.Markers.Count)) * MarkerRow);

    private double PlotHeight => Height - Top - Bottom;

    private int MarkersDrawn => _columns.Sum(c => c.Markers.Count);

    private IList<Contract.ProgressPoint> Points => Progress.Points;

    private string Label => $"XmR chart of {Progress.MeasureName}: {Points.Count} points from {Points[0].Period} to {Points[^1].Period}"
        + (MarkersDrawn == 0 ? "" : $", {MarkersDrawn} marker{(MarkersDrawn == 1 ? "" : "s")}");

    private double Gap => Points.Count == 1 ? PlotWidth : PlotWidth / (Points.Count - 1);

    private int LabelEvery => Math.Max(1, (int)Math.Ceiling(Points.Count / 10.0));

    protected override void OnParametersSet()
    {
        _columns = [];
        if (Points.Count == 0)
        {
            return;
        }

        _columns = [.. Markers
            .Select(m => (Marker: m, Place: ChartMarkerPlace.Of(Points, m)))
            .Where(m => m.Place is not null)
            .GroupBy(m => Math.Round(m.Place!.Value, 3))
            .OrderBy(g => g.Key)
            .Select(g => new MarkerColumn(g.Key, [.. g.Select(m => m.Marker)]))];

        var values = Points.Select(p => p.Value)
            .Concat(Progress.Segments.Where(s => s.HasLimits).SelectMany(s => new[] { s.UpperLimit, s.LowerLimit }))
            .Concat(Progress.HasTarget ? [Progress.Target] : []).ToList();
        var (min, max) = (values.Min(), values.Max());
        var pad = max > min ? (max - min) * 0.08 : Math.Max(1, Math.Abs(max) * 0.1);
        (_min, _max) = (min - pad, max + pad);
    }

    private double X(double i) => Points.Count == 1 ? Left + (PlotWidth / 2) : Left + (i * PlotWidth / (Points.Count - 1));

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

    private static double MarkerY(int slot) => MarkerTop + (slot * MarkerRow);

    /// <summary>What a marker says on hover, on focus and to readers: "2025-03 · PDSA cycle: …".</summary>
    private static string MarkerText(ChartMarker marker) => $"{marker.Period.Label} · {ChartMarkerPlace.Word(marker.Kind)}: {marker.Text}";

    /// <summary>The markers a column draws one by one; past three, the third slot stands for the rest.</summary>
    private static IEnumerable<(int Slot, IReadOnlyList<ChartMarker> Markers)> Slots(MarkerColumn column)
    {
        var count = column.Markers.Count;
        var single = count <= MarkerRows ? count : MarkerRows - 1;
        for (var i = 0; i < single; i++)
        {
            yield return (i, [column.Markers[i]]);
        }

        if (count > MarkerRows)
        {
            yield return (MarkerRows - 1, [.. column.Markers.Skip(MarkerRows - 1)]);
        }
    }

    private static string MarkerPath(ChartMarkerKind kind, double x, double y) => kind switch
    {
        ChartMarkerKind.PdsaCycle => $"M{HtmlText.C(x)} {HtmlText.C(y - 7)} L{HtmlText.C(x + 7)} {HtmlText.C(y + 6)} L{HtmlText.C(x - 7)} {HtmlText.C(y + 6)} Z",
        ChartMarkerKind.LearningEvent => $"M{HtmlText.C(x)} {HtmlText.C(y - 8)} L{HtmlText.C(x + 8)} {HtmlText.C(y)} L{HtmlText.C(x)} {HtmlText.C(y + 8)} L{HtmlText.C(x - 8)} {HtmlText.C(y)} Z",
        _ => $"M{HtmlText.C(x - 6)} {HtmlText.C(y - 6)} H{HtmlText.C(x + 6)} V{HtmlText.C(y + 6)} H{HtmlText.C(x - 6)} Z",
    };

    /// <summary>The tip beside a marker, drawn to the left near the right edge so it stays on the chart.</summary>
    private static double TipX(double x) => x + 12 + TipWidth > Width ? x - 12 - TipWidth : x + 12;

    private static IReadOnlyList<string> TipLines(string text) => SvgText.Wrap(text, TipChars, 4);

    private sealed record MarkerColumn(double Place, List<ChartMarker> Markers);
}
