using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Spc;

/// <summary>
/// Each rule on hand-worked vectors. Every series starts with the quiet baseline (mean 10, mR̄ 2,
/// limits 4.68 / 15.32, near lines 6.4533 / 13.5467, last baseline point 9 at index 13) and the
/// limits stay fixed on it, so the appended points are judged against known numbers.
/// </summary>
public sealed class XmrChartRuleTests
{
    private const int First = 14; // index of the first appended point

    private static ProgressReport Read(double[] appended, ImprovementDirection direction = ImprovementDirection.Higher) =>
        XmrChart.Calculate(Series.AfterQuietBaseline(appended), Series.Fixed(direction));

    private static SpcSignals[] Appended(ProgressReport report) => [.. report.Points.Skip(First).Select(p => p.Signals)];

    [Fact]
    public void Rule1_PointAboveUpperLimit_IsOutsideHigh()
    {
        var report = Read([15.33]); // 15.33 > 15.32
        Assert.Equal([SpcSignals.OutsideHigh], Appended(report));
        Assert.Equal(SpecialCause.Improvement, report.Latest!.SpecialCause);
        Assert.Equal(VariationIcon.ImprovementHigh, report.Variation);
    }

    [Fact]
    public void Rule1_PointBelowLowerLimit_IsOutsideLowAndAConcernWhenHigherIsBetter()
    {
        var report = Read([4.5]); // 4.5 < 4.68
        Assert.Equal([SpcSignals.OutsideLow], Appended(report));
        Assert.Equal(VariationIcon.ConcernLow, report.Variation);
    }

    [Fact]
    public void Rule1_PointExactlyOnTheLimit_IsNotOutsideButIsInTheNearBand()
    {
        // The same arithmetic the chart does: 10 + 2.66·2. On the limit is not beyond it.
        var onUpper = 10 + (XmrChart.LimitFactor * 2);
        var report = Read([onUpper]);
        Assert.Equal([SpcSignals.None], Appended(report));

        // Two of three on the line: the near band is inclusive, so rule 4 still sees them.
        var twoOnTheLine = Read([onUpper, 11, onUpper]);
        Assert.Equal([SpcSignals.TwoOfThreeHigh, SpcSignals.None, SpcSignals.TwoOfThreeHigh], Appended(twoOnTheLine));
    }

    [Fact]
    public void Rule2_SevenPointsAboveTheMean_AreAllFlaggedAsAShift()
    {
        // 7 × 11: above the mean 10, inside the near band (11 < 13.55); equal values are no trend.
        var report = Read([11, 11, 11, 11, 11, 11, 11]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.ShiftHigh, s));
        Assert.Equal(VariationIcon.ImprovementHigh, report.Variation);
    }

    [Fact]
    public void Rule2_SixPointsAboveTheMean_AreNotAShift()
    {
        // The baseline's last point (9) is below the mean, so the run is exactly six long.
        var report = Read([11, 11, 11, 11, 11, 11]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
        Assert.Equal(VariationIcon.CommonCause, report.Variation);
    }

    [Fact]
    public void Rule2_PointExactlyOnTheMean_BreaksTheShift()
    {
        // 3 above, one on the mean (10), 4 above: runs of 3 and 4, no shift.
        var report = Read([11, 11, 11, 10, 11, 11, 11, 11]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
    }

    [Fact]
    public void Rule2_SevenPointsBelowTheMean_AreAShiftLowAndAnImprovementWhenLowerIsBetter()
    {
        // The baseline ends on 9 (below), so 6 more below make a run of 7: baseline's last point included.
        var report = Read([8, 8, 8, 8, 8, 8], ImprovementDirection.Lower);
        Assert.Equal(SpcSignals.ShiftLow, report.Points[13].Signals);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.ShiftLow, s));
        Assert.Equal(VariationIcon.ImprovementLow, report.Variation);
    }

    [Fact]
    public void Rule2_ShiftStraddlingTheEndOfTheBaseline_IsOneShiftFlaggedOnEveryPoint()
    {
        // Baseline (14 points): 9 11 9 11 9 11 9 11 9 11 9 11 11 11 → six 9s and eight 11s,
        // mean 142/14 = 10.142857; moving ranges 11 × 2 then 0, 0 → mR̄ 22/13 = 1.692308.
        // Its last three points (11, above the mean) and four more 11s after it make a run of 7.
        double[] baseline = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 11, 11];
        var options = new SpcOptions { Direction = ImprovementDirection.Higher, BaselinePoints = 14 };
        var report = XmrChart.Calculate(Series.Of([.. baseline, 11, 11, 11, 11]), options);

        Assert.Equal(10.142857, report.Limits!.Mean, 5);
        Assert.Equal(1.692308, report.Limits.MeanMovingRange, 5);
        Assert.Equal(SpcSignals.None, report.Points[10].Signals);
        for (var i = 11; i <= 17; i++)
        {
            Assert.Equal(SpcSignals.ShiftHigh, report.Points[i].Signals);
        }

        Assert.True(report.Points[13].InBaseline);
        Assert.False(report.Points[14].InBaseline);

        // One fewer after the baseline: a run of 6, nothing.
        var shorter = XmrChart.Calculate(Series.Of([.. baseline, 11, 11, 11]), options);
        Assert.All(shorter.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
    }

    [Fact]
    public void Rule3_SevenRisingPoints_AreATrendClassifiedByDirectionNotSideOfTheMean()
    {
        // 8 follows 9 (a fall), then six rises: 8 < 8.5 < 9 < 9.5 < 10.5 < 11 < 11.5.
        // The first four are below the mean but, as part of a rising trend, count as high.
        var report = Read([8, 8.5, 9, 9.5, 10.5, 11, 11.5]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.TrendUp, s));
        Assert.All(report.Points.Skip(First), p => Assert.Equal(SpecialCause.Improvement, p.SpecialCause));
        Assert.Equal(SpcSignals.None, report.Points[13].Signals);
    }

    [Fact]
    public void Rule3_SixRisingPoints_AreNotATrend()
    {
        var report = Read([8, 8.5, 9, 9.5, 10.5, 11]); // five rises
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
    }

    [Fact]
    public void Rule3_EqualConsecutiveValues_BreakTheTrend()
    {
        // 8 8.5 9 | 9 9.5 10.5 11 11.5: the repeated 9 splits it into runs of 3 and 5.
        var report = Read([8, 8.5, 9, 9, 9.5, 10.5, 11, 11.5]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
    }

    [Fact]
    public void Rule3_SevenFallingPoints_AreATrendDown()
    {
        // 12 follows 9 (a rise), then six falls: 12 > 11.5 > 11 > 10.5 > 9.5 > 9 > 8.5.
        var report = Read([12, 11.5, 11, 10.5, 9.5, 9, 8.5]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.TrendDown, s));
        Assert.Equal(VariationIcon.ConcernLow, report.Variation);
    }

    [Fact]
    public void Rule4_TwoOfThreeInTheUpperNearBand_FlagsTheTwoNotTheThird()
    {
        // 14 ≥ 13.5467, 12 < 13.5467, 14 ≥ 13.5467; all above the mean; none beyond 15.32.
        var report = Read([14, 12, 14]);
        Assert.Equal([SpcSignals.TwoOfThreeHigh, SpcSignals.None, SpcSignals.TwoOfThreeHigh], Appended(report));
        Assert.Equal(VariationIcon.ImprovementHigh, report.Variation);
    }

    [Fact]
    public void Rule4_ThirdPointOnTheOtherSideOfTheMean_IsNotTwoOfThree()
    {
        // 14, 9, 14: the middle point is below the mean, so the three are not on one side.
        var report = Read([14, 9, 14]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
    }

    [Fact]
    public void Rule4_OnlyOneOfThreeNearTheLimit_IsNothing()
    {
        var report = Read([14, 12, 11]);
        Assert.All(Appended(report), s => Assert.Equal(SpcSignals.None, s));
    }

    [Fact]
    public void Rule4_PointsBeyondTheLimitCountTowardsTwoOfThree()
    {
        // November 2023 revision: 16 is beyond the upper limit (rule 1) and also counts for rule 4.
        var report = Read([14, 16, 12]);
        Assert.Equal(
            [SpcSignals.TwoOfThreeHigh, SpcSignals.TwoOfThreeHigh | SpcSignals.OutsideHigh, SpcSignals.None],
            Appended(report));
    }

    [Fact]
    public void Rule4_TwoOfThreeInTheLowerNearBand_IsLow()
    {
        // 6 ≤ 6.4533, 8 is not, 6 ≤ 6.4533; all below the mean (and the baseline's 9 too, but
        // 9, 6, 8 has only one near point).
        var report = Read([6, 8, 6], ImprovementDirection.Lower);
        Assert.Equal([SpcSignals.TwoOfThreeLow, SpcSignals.None, SpcSignals.TwoOfThreeLow], Appended(report));
        Assert.Equal(VariationIcon.ImprovementLow, report.Variation);
    }

    [Fact]
    public void ImprovementAndConcernOnTheLatestPoint_ShowImprovement()
    {
        // Lower is better. 15 14.5 14 13.5 13 12.5 12: seven falling points (trend down = improvement)
        // all above the mean 10 (shift high = concern). Rule 4: 15, 14.5, 14 are ≥ 13.5467
        // (flagged); 13.5 is not. Latest point 12: TrendDown + ShiftHigh → both → improvement icon.
        var report = Read([15, 14.5, 14, 13.5, 13, 12.5, 12], ImprovementDirection.Lower);
        var signals = Appended(report);
        Assert.Equal(SpcSignals.TrendDown | SpcSignals.ShiftHigh | SpcSignals.TwoOfThreeHigh, signals[0]);
        Assert.Equal(SpcSignals.TrendDown | SpcSignals.ShiftHigh | SpcSignals.TwoOfThreeHigh, signals[2]);
        Assert.Equal(SpcSignals.TrendDown | SpcSignals.ShiftHigh, signals[3]);
        Assert.Equal(SpcSignals.TrendDown | SpcSignals.ShiftHigh, signals[6]);
        Assert.Equal(SpecialCause.Improvement | SpecialCause.Concern, report.Latest!.SpecialCause);
        Assert.Equal(VariationIcon.ImprovementLow, report.Variation);
    }

    [Fact]
    public void NoImprovementDirection_SpecialCauseIsNeutral()
    {
        var high = Read([16], ImprovementDirection.None);
        Assert.Equal(SpecialCause.Neutral, high.Latest!.SpecialCause);
        Assert.Equal(VariationIcon.NeutralHigh, high.Variation);

        var low = Read([4], ImprovementDirection.None);
        Assert.Equal(VariationIcon.NeutralLow, low.Variation);
    }

    [Fact]
    public void LowerIsBetter_PointAboveTheUpperLimit_IsConcernHigh()
    {
        var report = Read([16], ImprovementDirection.Lower);
        Assert.Equal(VariationIcon.ConcernHigh, report.Variation);
    }

    [Theory]
    [InlineData(ImprovementDirection.Higher, 4.0, AssuranceIcon.Pass)]       // target below the lower limit 4.68
    [InlineData(ImprovementDirection.Higher, 16.0, AssuranceIcon.Fail)]      // above the upper limit 15.32
    [InlineData(ImprovementDirection.Higher, 10.0, AssuranceIcon.HitAndMiss)]
    [InlineData(ImprovementDirection.Lower, 16.0, AssuranceIcon.Pass)]
    [InlineData(ImprovementDirection.Lower, 4.0, AssuranceIcon.Fail)]
    [InlineData(ImprovementDirection.Lower, 10.0, AssuranceIcon.HitAndMiss)]
    public void Assurance_TargetAgainstTheLimits(ImprovementDirection direction, double target, AssuranceIcon expected)
    {
        var report = XmrChart.Calculate(Series.Of(Series.QuietBaseline), Series.Fixed(direction, target));
        Assert.Equal(expected, report.Assurance);
        Assert.Null(report.NoAssuranceReason);
    }

    [Fact]
    public void Assurance_TargetExactlyOnALimit_CountsAsOutside()
    {
        var lower = 10 - (XmrChart.LimitFactor * 2);
        var upper = 10 + (XmrChart.LimitFactor * 2);
        var series = Series.Of(Series.QuietBaseline);
        Assert.Equal(AssuranceIcon.Pass, XmrChart.Calculate(series, Series.Fixed(ImprovementDirection.Higher, lower)).Assurance);
        Assert.Equal(AssuranceIcon.Fail, XmrChart.Calculate(series, Series.Fixed(ImprovementDirection.Higher, upper)).Assurance);
    }

    [Fact]
    public void Assurance_NeedsATargetAndADirection()
    {
        var series = Series.Of(Series.QuietBaseline);
        var noTarget = XmrChart.Calculate(series, Series.Fixed(ImprovementDirection.Higher));
        Assert.Equal(AssuranceIcon.None, noTarget.Assurance);
        Assert.Contains("No target", noTarget.NoAssuranceReason);

        var noDirection = XmrChart.Calculate(series, Series.Fixed(ImprovementDirection.None, 5));
        Assert.Equal(AssuranceIcon.None, noDirection.Assurance);
        Assert.Contains("No improvement direction", noDirection.NoAssuranceReason);
    }
}
