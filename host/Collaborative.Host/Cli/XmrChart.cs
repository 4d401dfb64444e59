using System.Text;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// A terminal XmR chart: points as markers in Making Data Count colours, each segment's mean and
/// process limits as lines, the target as a dotted line. Shapes carry the meaning too (◆ special
/// cause, ● common cause), so it still reads without colour.
/// </summary>
internal static class XmrChart
{
    private const int Height = 14;
    private const int AxisWidth = 9;
    private const int LabelWidth = 14;
    private const int ColumnWidth = 2;

    /// <summary>Markup lines for <paramref name="progress"/>, at most <paramref name="width"/> columns wide.</summary>
    public static IReadOnlyList<string> Render(GoalProgress progress, int width)
    {
        var lines = new List<string>();
        if (progress.Points.Count == 0)
        {
            lines.Add("[dim]No observations yet: nothing to chart.[/]");
            return lines;
        }

        var fits = Math.Max(4, (width - AxisWidth - 1 - LabelWidth) / ColumnWidth);
        var points = progress.Points.Skip(Math.Max(0, progress.Points.Count - fits)).ToList();
        var segments = progress.Segments.ToDictionary(s => s.Index);
        SpcSegment? LimitsOf(ProgressPoint p) => segments.TryGetValue(p.Segment, out var s) && s.HasLimits ? s : null;

        var values = points.Select(p => p.Value).ToList();
        foreach (var segment in points.Select(LimitsOf).OfType<SpcSegment>().Distinct())
        {
            values.AddRange([segment.UpperLimit, segment.LowerLimit]);
        }

        if (progress.HasTarget)
        {
            values.Add(progress.Target);
        }

        var (min, max) = (values.Min(), values.Max());
        if (max - min < 1e-9)
        {
            (min, max) = (min - 1, max + 1);
        }

        int RowOf(double v) => (int)Math.Round((max - v) / (max - min) * (Height - 1));

        // Each cell: a character and its colour (null: default).
        var cells = new (char Glyph, Color? Colour)[Height, points.Count * ColumnWidth];
        for (var r = 0; r < Height; r++)
        {
            for (var c = 0; c < points.Count * ColumnWidth; c++)
            {
                cells[r, c] = (' ', null);
            }
        }

        void Line(int column, double value, char glyph, Color? colour)
        {
            for (var k = 0; k < ColumnWidth; k++)
            {
                cells[RowOf(value), (column * ColumnWidth) + k] = (glyph, colour);
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (progress.HasTarget)
            {
                Line(i, progress.Target, '·', null);
            }

            if (LimitsOf(points[i]) is { } segment)
            {
                Line(i, segment.UpperLimit, '┄', null);
                Line(i, segment.LowerLimit, '┄', null);
                Line(i, segment.Mean, '─', null);
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var special = point.Improvement || point.Concern || point.Neutral;
            cells[RowOf(point.Value), i * ColumnWidth] = (special ? '◆' : '●', MakingDataCount.ColourOf(point));
        }

        // Labels at the right: the latest segment's lines and the target.
        var labels = new Dictionary<int, string>();
        void Label(double value, string name)
        {
            var row = RowOf(value);
            labels[row] = labels.TryGetValue(row, out var existing) ? existing : $"{name} {Numbers.Show(value)}";
        }

        if (LimitsOf(points[^1]) is { } last)
        {
            Label(last.Mean, "mean");
            Label(last.UpperLimit, "upper");
            Label(last.LowerLimit, "lower");
        }

        if (progress.HasTarget)
        {
            Label(progress.Target, "target");
        }

        for (var r = 0; r < Height; r++)
        {
            var line = new StringBuilder();
            var axis = r == 0 ? Numbers.Show(max) : r == Height - 1 ? Numbers.Show(min) : "";
            line.Append(Markup.Escape(axis.PadLeft(AxisWidth - 1))).Append(r == 0 || r == Height - 1 ? " ┤" : " │");
            for (var c = 0; c < points.Count * ColumnWidth; c++)
            {
                var (glyph, colour) = cells[r, c];
                line.Append(colour is { } col ? $"[{col.ToMarkup()}]{glyph}[/]" : glyph.ToString());
            }

            if (labels.TryGetValue(r, out var label))
            {
                line.Append(' ').Append(Markup.Escape(label));
            }

            lines.Add(line.ToString().TrimEnd());
        }

        var first = points[0].Period;
        var latest = points[^1].Period;
        var axisLine = new string(' ', AxisWidth + 1) + first;
        var end = AxisWidth + 1 + (points.Count * ColumnWidth) - latest.Length;
        axisLine = end > axisLine.Length + 1 ? axisLine.PadRight(end) + latest : axisLine + "  …  " + latest;
        lines.Add(Markup.Escape(axisLine));
        var shown = points.Count < progress.Points.Count ? $"last {points.Count} of {progress.Points.Count} points; " : "";
        lines.Add($"[dim]{shown}● common cause  ◆ special cause  ─ mean  ┄ process limits  · target[/]");
        return lines;
    }
}
