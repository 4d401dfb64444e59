namespace Collaborative.Dashboard.Tests;

/// <summary>
/// Series built to trigger one Making Data Count rule each, on tests/e2e/dashboard-programme.yaml. The
/// baseline (13 months from January 2024) has mean 50 and mean moving range 34/12, so the limits are
/// 42.46 to 57.54 and the near-limit band starts 5.02 from the mean.
/// </summary>
internal static class SpcSeries
{
    public static readonly double[] Baseline = [48, 52, 50, 51, 49, 53, 47, 50, 52, 48, 51, 49, 50];

    public static readonly DateOnly FirstMonth = new(2024, 1, 1);

    /// <summary>Every goal of the programme: its measure, the series, and the point colour and signal the rule must show.</summary>
    public static readonly RuleSeries[] Rules =
    [
        // 62 lies above the upper limit; higher is better.
        new("outside-goal", "m.outside", [.. Baseline, 51, 49, 62], "outside-high", Improvement),
        // Seven points above the mean, all inside the near-limit band.
        new("shift-goal", "m.shift", [.. Baseline, 51, 52, 51, 52, 51, 52, 51], "shift-high", Improvement),
        // Seven points each higher than the one before.
        new("trend-goal", "m.trend", [.. Baseline, 46, 47, 48, 49, 50, 51, 52], "trend-up", Improvement),
        // 56, 51, 56: two of three beyond 55.02, all above the mean; lower is better, so a concern.
        new("two-of-three-goal", "m.two-of-three", [.. Baseline, 49, 56, 51, 56], "two-of-three-high", Concern),
    ];

    /// <summary>The goal the live-update test adds observations to, so the rule charts stay as built.</summary>
    public static readonly RuleSeries Live = new("live-goal", "m.live", Baseline, "", "");

    public static int GoalCount => Rules.Length + 1;

    public const string Improvement = "#00b0f0";
    public const string Concern = "#e46c0a";
    public const string CommonCause = "#a6a6a6";

    public static string Month(int index) => FirstMonth.AddMonths(index).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One goal's series and what its chart must show.</summary>
internal sealed record RuleSeries(string GoalId, string MeasureId, double[] Values, string Signal, string Colour);
