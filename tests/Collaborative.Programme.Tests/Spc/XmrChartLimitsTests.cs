using Collaborative.Programme.Definition;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Spc;

public sealed class XmrChartLimitsTests
{
    [Fact]
    public void Limits_QuietBaseline_AreMeanPlusMinus266TimesMeanMovingRange()
    {
        var report = XmrChart.Calculate(Series.Of(Series.QuietBaseline), new SpcOptions());

        // mean 140/14 = 10; mR̄ 26/13 = 2; 10 ± 5.32; near band 10 ± 3.54667.
        var limits = Assert.IsType<ControlLimits>(report.Limits);
        Assert.Equal(10, limits.Mean, 12);
        Assert.Equal(2, limits.MeanMovingRange, 12);
        Assert.Equal(15.32, limits.Upper, 9);
        Assert.Equal(4.68, limits.Lower, 9);
        Assert.Equal(13.546667, limits.UpperNear, 5);
        Assert.Equal(6.453333, limits.LowerNear, 5);
        Assert.Equal(VariationIcon.CommonCause, report.Variation);
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
        Assert.Null(report.NoLimitsReason);
    }

    [Fact]
    public void Limits_UnevenSeries_MatchHandWorkedArithmetic()
    {
        // 13 points: 5 7 6 9 8 7 10 6 8 7 9 8 7 → sum 97, mean 97/13 = 7.461538...
        // moving ranges: 2 1 3 1 1 3 4 2 1 2 1 1 → sum 22, mR̄ = 22/12 = 1.8333...
        // upper = 7.461538 + 2.66·1.833333 = 7.461538 + 4.876667 = 12.338205
        // lower = 7.461538 − 4.876667 = 2.584872
        var report = XmrChart.Calculate(Series.Of(5, 7, 6, 9, 8, 7, 10, 6, 8, 7, 9, 8, 7), new SpcOptions());

        var limits = Assert.IsType<ControlLimits>(report.Limits);
        Assert.Equal(7.461538, limits.Mean, 1e-6);
        Assert.Equal(1.833333, limits.MeanMovingRange, 1e-6);
        Assert.Equal(12.338205, limits.Upper, 1e-6);
        Assert.Equal(2.584872, limits.Lower, 1e-6);
        Assert.Null(report.Points[0].MovingRange);
        Assert.Equal(2, report.Points[1].MovingRange);
        Assert.Equal(4, report.Points[7].MovingRange);
    }

    [Fact]
    public void TwelvePoints_NoLimitsNoIconsAndSaysWhy()
    {
        // Twelve rising points would be a trend with limits; with fewer than 13 there is only the run.
        var report = XmrChart.Calculate(Series.Of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
            new SpcOptions { Direction = ImprovementDirection.Higher, Target = 5 });

        Assert.Null(report.Limits);
        Assert.Equal(VariationIcon.None, report.Variation);
        Assert.Equal(AssuranceIcon.None, report.Assurance);
        Assert.Contains("Only 12 points", report.NoLimitsReason);
        Assert.Contains("at least 13", report.NoLimitsReason);
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
        Assert.Equal(12, report.Points.Length);
    }

    [Fact]
    public void ThirteenPoints_IsEnoughForLimits()
    {
        var report = XmrChart.Calculate(Series.Of(5, 7, 6, 9, 8, 7, 10, 6, 8, 7, 9, 8, 7), new SpcOptions());

        Assert.NotNull(report.Limits);
        Assert.Equal(VariationIcon.CommonCause, report.Variation);
    }

    [Fact]
    public void NoObservations_SaysSo()
    {
        var report = XmrChart.Calculate([], new SpcOptions { Target = 3, Direction = ImprovementDirection.Higher });

        Assert.Empty(report.Points);
        Assert.Empty(report.Segments);
        Assert.Equal("No observations yet.", report.NoLimitsReason);
        Assert.Equal(VariationIcon.None, report.Variation);
        Assert.Null(report.Latest);
    }

    [Fact]
    public void ConstantSeries_ZeroMovingRange_LimitsCollapseOntoMeanAndNothingFires()
    {
        // 15 × 5: mean 5, every moving range 0, so both limits and both near lines are 5.
        // No point is strictly beyond a limit, none is off the mean (no shift, no two-of-three),
        // and equal neighbours break trends.
        var report = XmrChart.Calculate(Series.Of(Enumerable.Repeat(5.0, 15).ToArray()),
            new SpcOptions { Direction = ImprovementDirection.Higher });

        var limits = Assert.IsType<ControlLimits>(report.Limits);
        Assert.Equal(0, limits.MeanMovingRange);
        Assert.Equal(5, limits.Upper);
        Assert.Equal(5, limits.Lower);
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
        Assert.Equal(VariationIcon.CommonCause, report.Variation);
    }

    [Fact]
    public void ConstantBaseline_LaterPointOffTheMean_IsOutside()
    {
        // Baseline 13 × 5 (limits collapse to 5); then 6 is strictly above the upper limit 5.
        var report = XmrChart.Calculate(Series.Of([.. Enumerable.Repeat(5.0, 13), 6]),
            new SpcOptions { Direction = ImprovementDirection.Higher, BaselinePoints = 13 });

        Assert.Equal(SpcSignals.OutsideHigh, report.Points[^1].Signals);
        Assert.Equal(VariationIcon.ImprovementHigh, report.Variation);
    }

    [Fact]
    public void ConstantSeries_TargetOnTheMean_PassesAndAboveItFails()
    {
        var series = Series.Of(Enumerable.Repeat(5.0, 13).ToArray());

        // Higher is better, limits 5/5: target 5 ≤ lower limit 5 → consistently passing (checked first);
        // target 6 ≥ upper limit 5 → consistently failing.
        Assert.Equal(AssuranceIcon.Pass, XmrChart.Calculate(series, new SpcOptions { Direction = ImprovementDirection.Higher, Target = 5 }).Assurance);
        Assert.Equal(AssuranceIcon.Fail, XmrChart.Calculate(series, new SpcOptions { Direction = ImprovementDirection.Higher, Target = 6 }).Assurance);
        Assert.Equal(AssuranceIcon.Pass, XmrChart.Calculate(series, new SpcOptions { Direction = ImprovementDirection.Lower, Target = 5 }).Assurance);
        Assert.Equal(AssuranceIcon.Fail, XmrChart.Calculate(series, new SpcOptions { Direction = ImprovementDirection.Lower, Target = 4 }).Assurance);
    }

    [Fact]
    public void Series_OutOfOrderOrDuplicatePeriod_IsRefused()
    {
        var points = Series.Of(1, 2, 3);
        Assert.Throws<ArgumentException>(() => XmrChart.Calculate([points[1], points[0]], new SpcOptions()));
        Assert.Throws<ArgumentException>(() => XmrChart.Calculate([points[0], points[0]], new SpcOptions()));
        Assert.Throws<ArgumentException>(() => XmrChart.Calculate(Series.Of(1, double.NaN), new SpcOptions()));
    }

    [Fact]
    public void Colours_AreTheMakingDataCountOnes()
    {
        Assert.Equal("#a6a6a6", SpcColours.For(VariationIcon.CommonCause));
        Assert.Equal("#e46c0a", SpcColours.For(VariationIcon.ConcernLow));
        Assert.Equal("#00b0f0", SpcColours.For(VariationIcon.ImprovementHigh));
        Assert.Equal("#490092", SpcColours.For(VariationIcon.NeutralLow));
        Assert.Equal("#00b0f0", SpcColours.For(SpecialCause.Improvement | SpecialCause.Concern));
    }
}
