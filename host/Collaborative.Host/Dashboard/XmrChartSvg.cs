using System.Text;
using Collaborative.Programme.Spc;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// A goal's XmR chart as SVG, drawn on the server: points coloured per Making Data Count, the mean and
/// process limits of each segment, the target, the baseline and each recalculation. Every point is
/// focusable and carries its period and value (title for hover, aria-label for keyboard and readers).
/// </summary>
internal static class XmrChartSvg
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

    public static string Render(Contract.GoalProgress progress)
    {
        var points = progress.Points;
        if (points.Count == 0)
        {
            return """<p class="empty">No observations yet: the chart appears with the first one.</p>""";
        }

        var (min, max) = Range(progress);
        double X(int i) => points.Count == 1 ? Left + (PlotWidth / 2) : Left + (i * PlotWidth / (points.Count - 1));
        double Y(double v) => Top + ((max - v) / (max - min) * PlotHeight);
        var gap = points.Count == 1 ? PlotWidth : PlotWidth / (points.Count - 1);

        var svg = new StringBuilder();
        var label = $"XmR chart of {progress.MeasureName}: {points.Count} points from {points[0].Period} to {points[^1].Period}";
        svg.Append($"""<svg class="xmr" viewBox="0 0 {C(Width)} {C(Height)}" preserveAspectRatio="xMidYMid meet" role="group" aria-label="{E(label)}" data-points="{points.Count}" font-family="Arial, Helvetica, sans-serif" font-size="14">""");
        svg.Append($"<title>{E(label)}</title>");

        // Baselines first, so everything else draws over them.
        foreach (var segment in progress.Segments.Where(s => s.BaselinePointCount > 0))
        {
            var baseline = Indices(points, p => p.Segment == segment.Index && p.InBaseline);
            if (baseline.Count == 0)
            {
                continue;
            }

            var x0 = Math.Max(Left, X(baseline[0]) - (gap / 2));
            var x1 = Math.Min(Left + PlotWidth, X(baseline[^1]) + (gap / 2));
            svg.Append($"""<g class="baseline"><title>{E($"Baseline: {segment.BaselineFrom} to {segment.BaselineTo} ({segment.BaselinePointCount} points); the limits come from these")}</title><rect x="{C(x0)}" y="{C(Top)}" width="{C(x1 - x0)}" height="{C(PlotHeight)}" fill="{BaselineFill}"/><text x="{C(x0 + 4)}" y="{C(Top + 14)}" fill="{LimitInk}" font-size="12">baseline</text></g>""");
        }

        Grid(svg, min, max, Y, progress.Unit);

        foreach (var segment in progress.Segments)
        {
            var members = Indices(points, p => p.Segment == segment.Index);
            if (members.Count == 0)
            {
                continue;
            }

            if (segment.Index > 0 && members[0] > 0)
            {
                var x = (X(members[0] - 1) + X(members[0])) / 2;
                var why = segment.ChangeReason.Length > 0 ? segment.ChangeReason : "a change to the process";
                svg.Append($"""<g class="recalculation"><title>{E($"Limits recalculated from {segment.FromPeriod}: {why}")}</title><line x1="{C(x)}" y1="{C(Top)}" x2="{C(x)}" y2="{C(Top + PlotHeight)}" stroke="{Ink}" stroke-width="1.5" stroke-dasharray="2 3"/><text x="{C(x + 4)}" y="{C(Top + 28)}" fill="{Ink}" font-size="12">recalculated</text></g>""");
            }

            if (!segment.HasLimits)
            {
                continue;
            }

            var (from, to) = (X(members[0]) - (members.Count == 1 ? 8 : 0), X(members[^1]) + (members.Count == 1 ? 8 : 0));
            Line(svg, "mean", from, to, Y(segment.Mean), Ink, "", $"Mean {N(segment.Mean)}");
            Line(svg, "upper-limit", from, to, Y(segment.UpperLimit), LimitInk, "6 4", $"Upper process limit {N(segment.UpperLimit)}");
            Line(svg, "lower-limit", from, to, Y(segment.LowerLimit), LimitInk, "6 4", $"Lower process limit {N(segment.LowerLimit)}");
        }

        if (progress.HasTarget)
        {
            var y = Y(progress.Target);
            Line(svg, "target", Left, Left + PlotWidth, y, TargetInk, "10 4", $"Target {N(progress.Target)}");
            svg.Append($"""<text class="target-label" x="{C(Left + PlotWidth - 4)}" y="{C(y - 6)}" text-anchor="end" fill="{TargetInk}" font-size="12">target {E(N(progress.Target))}</text>""");
        }

        svg.Append($"""<polyline class="series" fill="none" stroke="#768692" stroke-width="1.5" points="{string.Join(' ', points.Select((p, i) => $"{C(X(i))},{C(Y(p.Value))}"))}"/>""");

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var (cause, colour) = Cause(point);
            var signals = point.Signals.Count > 0 ? $" ({string.Join(", ", point.Signals)})" : "";
            var text = $"{point.Period}: {N(point.Value)} {progress.Unit}, {cause}{signals}";
            var shape = cause == "common cause" ? "common" : cause.Replace("special cause ", "special-", StringComparison.Ordinal);
            svg.Append($"""<circle class="point {shape}" cx="{C(X(i))}" cy="{C(Y(point.Value))}" r="6" fill="{colour}" stroke="#ffffff" stroke-width="1.5" tabindex="0" role="img" aria-label="{E(text)}" data-period="{E(point.Period)}" data-value="{E(N(point.Value))}"><title>{E(text)}</title></circle>""");
        }

        PeriodLabels(svg, points, X);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Improvement wins over concern when both fire (Making Data Count); neutral when there is no direction.</summary>
    public static (string Cause, string Colour) Cause(Contract.ProgressPoint point) =>
        point.Improvement ? ("special cause improvement", SpcColours.Improvement)
        : point.Concern ? ("special cause concern", SpcColours.Concern)
        : point.Neutral ? ("special cause neutral", SpcColours.Neutral)
        : ("common cause", SpcColours.CommonCause);

    private static (double Min, double Max) Range(Contract.GoalProgress progress)
    {
        var values = progress.Points.Select(p => p.Value)
            .Concat(progress.Segments.Where(s => s.HasLimits).SelectMany(s => new[] { s.UpperLimit, s.LowerLimit }))
            .Concat(progress.HasTarget ? [progress.Target] : []).ToList();
        var (min, max) = (values.Min(), values.Max());
        var pad = max > min ? (max - min) * 0.08 : Math.Max(1, Math.Abs(max) * 0.1);
        return (min - pad, max + pad);
    }

    private static void Grid(StringBuilder svg, double min, double max, Func<double, double> y, string unit)
    {
        var step = NiceStep((max - min) / 5);
        svg.Append("""<g class="axis" aria-hidden="true">""");
        for (var v = Math.Ceiling(min / step) * step; v <= max; v += step)
        {
            svg.Append($"""<line x1="{C(Left)}" y1="{C(y(v))}" x2="{C(Left + PlotWidth)}" y2="{C(y(v))}" stroke="#d8dde0" stroke-width="1"/><text x="{C(Left - 8)}" y="{C(y(v) + 5)}" text-anchor="end" fill="{Ink}">{E(N(Math.Round(v, 10)))}</text>""");
        }

        svg.Append($"""<line x1="{C(Left)}" y1="{C(Top)}" x2="{C(Left)}" y2="{C(Top + PlotHeight)}" stroke="{Ink}"/><line x1="{C(Left)}" y1="{C(Top + PlotHeight)}" x2="{C(Left + PlotWidth)}" y2="{C(Top + PlotHeight)}" stroke="{Ink}"/>""");
        svg.Append($"""<text x="16" y="{C(Top + (PlotHeight / 2))}" transform="rotate(-90 16 {C(Top + (PlotHeight / 2))})" text-anchor="middle" fill="{Ink}">{E(unit)}</text></g>""");
    }

    private static void Line(StringBuilder svg, string kind, double x1, double x2, double y, string stroke, string dash, string title)
    {
        var dashes = dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "";
        svg.Append($"""<line class="{kind}" x1="{C(x1)}" y1="{C(y)}" x2="{C(x2)}" y2="{C(y)}" stroke="{stroke}" stroke-width="2"{dashes}><title>{E(title)}</title></line>""");
    }

    private static void PeriodLabels(StringBuilder svg, IReadOnlyList<Contract.ProgressPoint> points, Func<int, double> x)
    {
        // About ten labels fit under the chart at any length; counted back from the latest period, which is always named.
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 10.0));
        svg.Append("""<g class="periods" aria-hidden="true">""");
        for (var i = 0; i < points.Count; i++)
        {
            if ((points.Count - 1 - i) % every == 0)
            {
                svg.Append($"""<text x="{C(x(i))}" y="{C(Top + PlotHeight + 20)}" text-anchor="middle" fill="{Ink}" font-size="12">{E(points[i].Period)}</text>""");
            }
        }

        svg.Append("</g>");
    }

    private static List<int> Indices(IReadOnlyList<Contract.ProgressPoint> points, Func<Contract.ProgressPoint, bool> which) =>
        [.. Enumerable.Range(0, points.Count).Where(i => which(points[i]))];

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
