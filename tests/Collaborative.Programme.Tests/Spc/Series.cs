using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Spc;

/// <summary>Builds monthly test series from January 2024.</summary>
internal static class Series
{
    public static readonly Period Start = Period.Month(2024, 1);

    /// <summary>Consecutive months.</summary>
    public static SeriesPoint[] Of(params double[] values) =>
        [.. values.Select((v, i) => new SeriesPoint(Start.Plus(i), v))];

    /// <summary>Values at the given month offsets from <see cref="Start"/> (missing offsets are gaps).</summary>
    public static SeriesPoint[] At(params (int Offset, double Value)[] points) =>
        [.. points.Select(p => new SeriesPoint(Start.Plus(p.Offset), p.Value))];

    /// <summary>
    /// 14 quiet baseline points alternating 11, 9: mean = (7·11 + 7·9) / 14 = 140 / 14 = 10;
    /// 13 moving ranges of 2, so mR̄ = 26 / 13 = 2. Upper limit 10 + 2.66·2 = 15.32, lower 4.68;
    /// near-limit lines 10 ± 1.7733·2 = 13.5467 / 6.4533. It ends on 9 (below the mean), so points
    /// appended after it start their own runs.
    /// </summary>
    public static double[] QuietBaseline => [11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9];

    public static SeriesPoint[] AfterQuietBaseline(params double[] values) => Of([.. QuietBaseline, .. values]);

    /// <summary>Options that fix the limits on the quiet baseline (mean 10, mR̄ 2).</summary>
    public static SpcOptions Fixed(ImprovementDirection direction = ImprovementDirection.Higher, double? target = null) =>
        new() { Direction = direction, Target = target, BaselinePoints = 14 };
}
