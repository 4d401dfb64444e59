using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Spc;

public sealed class XmrChartGapAndBaselineTests
{
    [Fact]
    public void Gap_NoMovingRangeAcrossIt()
    {
        // Months 0-6: 10 12 10 12 10 12 10; month 7 missing; months 8-14: 20 22 20 22 20 22 20.
        // Moving ranges: 6 × 2 before the gap, 6 × 2 after → mR̄ = 24/12 = 2.
        // (Across the gap |20 − 10| = 10 would have made it 34/13 = 2.615.)
        // Mean = (4·10 + 3·12 + 4·20 + 3·22) / 14 = 222/14 = 15.857143.
        var points = Series.At(
            (0, 10), (1, 12), (2, 10), (3, 12), (4, 10), (5, 12), (6, 10),
            (8, 20), (9, 22), (10, 20), (11, 22), (12, 20), (13, 22), (14, 20));
        var report = XmrChart.Calculate(points, new SpcOptions());

        Assert.Equal(2, report.Limits!.MeanMovingRange, 12);
        Assert.Equal(15.857143, report.Limits.Mean, 1e-6);
        Assert.Null(report.Points[7].MovingRange);
        Assert.Equal(2, report.Points[8].MovingRange);

        // Each side of the gap is 7 consecutive months on one side of the mean: two shifts (the levels
        // are also far outside the limits 15.857 ± 5.32, which rules 1 and 4 report too).
        Assert.All(report.Points.Take(7), p => Assert.True(p.Signals.HasFlag(SpcSignals.ShiftLow)));
        Assert.All(report.Points.Skip(7), p => Assert.True(p.Signals.HasFlag(SpcSignals.ShiftHigh)));
    }

    [Fact]
    public void Gap_BreaksAShift()
    {
        // Quiet baseline (months 0-13), then 11 in months 14-16, month 17 missing, 11 in months 18-21:
        // seven points above the mean, but not seven consecutive periods.
        var baseline = Series.QuietBaseline.Select((v, i) => (i, v));
        var broken = Series.At([.. baseline, (14, 11), (15, 11), (16, 11), (18, 11), (19, 11), (20, 11), (21, 11)]);
        var report = XmrChart.Calculate(broken, Series.Fixed());
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));

        var unbroken = Series.At([.. baseline, (14, 11), (15, 11), (16, 11), (17, 11), (18, 11), (19, 11), (20, 11)]);
        Assert.Equal(SpcSignals.ShiftHigh, XmrChart.Calculate(unbroken, Series.Fixed()).Latest!.Signals);
    }

    [Fact]
    public void Gap_BreaksATrend()
    {
        var baseline = Series.QuietBaseline.Select((v, i) => (i, v));
        var broken = Series.At([.. baseline, (14, 8), (15, 8.5), (16, 9), (18, 9.5), (19, 10.5), (20, 11), (21, 11.5)]);
        Assert.All(XmrChart.Calculate(broken, Series.Fixed()).Points, p => Assert.Equal(SpcSignals.None, p.Signals));
    }

    [Fact]
    public void Gap_BreaksATwoOfThreeWindow()
    {
        // 14, (gap), 14: not consecutive periods, so not two of three.
        var baseline = Series.QuietBaseline.Select((v, i) => (i, v));
        var report = XmrChart.Calculate(Series.At([.. baseline, (14, 14), (16, 14)]), Series.Fixed());
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
    }

    [Fact]
    public void Baseline_FirstNPoints_FixTheLimitsForLaterPoints()
    {
        // Quiet baseline then 16 × 30: with the first 14 as baseline the mean stays 10 and every 30 is
        // outside; with all 30 points as baseline the mean moves to (140 + 480)/30 = 20.67.
        var series = Series.AfterQuietBaseline([.. Enumerable.Repeat(30.0, 16)]);

        var fixedLimits = XmrChart.Calculate(series, Series.Fixed());
        Assert.Equal(10, fixedLimits.Limits!.Mean, 12);
        Assert.Equal(Series.Start, fixedLimits.Segments[0].BaselineFrom);
        Assert.Equal(Series.Start.Plus(13), fixedLimits.Segments[0].BaselineTo);
        Assert.Equal(14, fixedLimits.Segments[0].BaselinePointCount);
        Assert.All(fixedLimits.Points.Skip(14), p => Assert.True(p.Signals.HasFlag(SpcSignals.OutsideHigh)));

        var allPoints = XmrChart.Calculate(series, new SpcOptions { Direction = ImprovementDirection.Higher });
        Assert.Equal(620.0 / 30, allPoints.Limits!.Mean, 9);
    }

    [Fact]
    public void Baseline_FromAPeriod_LeavesEarlierPointsOutOfTheMeanButStillJudgesThem()
    {
        // Two early points of 50, then the quiet baseline from month 2: mean 10 from the 14 quiet points;
        // the early 50s lie above the upper limit 15.32.
        var series = Series.Of([50, 50, .. Series.QuietBaseline]);
        var report = XmrChart.Calculate(series, new SpcOptions
        {
            Direction = ImprovementDirection.Lower,
            BaselineFrom = Series.Start.Plus(2),
        });

        Assert.Equal(10, report.Limits!.Mean, 12);
        Assert.Equal(2, report.Limits.MeanMovingRange, 12);
        Assert.False(report.Points[0].InBaseline);
        Assert.True(report.Points[0].Signals.HasFlag(SpcSignals.OutsideHigh));
        Assert.Equal(SpecialCause.Concern, report.Points[1].SpecialCause);
    }

    [Fact]
    public void Baseline_FewerThan13Points_GivesNoLimitsAndSaysWhy()
    {
        var report = XmrChart.Calculate(Series.AfterQuietBaseline(11, 9, 11, 9), new SpcOptions { BaselinePoints = 12 });
        Assert.Null(report.Limits);
        Assert.Equal(VariationIcon.None, report.Variation);
        Assert.Contains("baseline has 12 points", report.NoLimitsReason);
    }

    [Fact]
    public void DeclaredChange_RecalculatesTheLimitsFromThatPeriod()
    {
        // Segment 1: the quiet baseline (mean 10, mR̄ 2). From month 14 a change: 14 points alternating
        // 21, 19 → mean 20; moving ranges inside the segment 13 × 2 → mR̄ 2 (the step 9 → 21 across the
        // change is not part of either baseline).
        double[] after = [21, 19, 21, 19, 21, 19, 21, 19, 21, 19, 21, 19, 21, 19];
        var change = new ProcessChange { Period = Series.Start.Plus(14), Reason = "Gold Line extended to care homes" };
        var options = new SpcOptions { Direction = ImprovementDirection.Higher, Recalculations = [change] };
        var report = XmrChart.Calculate(Series.AfterQuietBaseline(after), options);

        Assert.Equal(2, report.Segments.Length);
        Assert.Equal(10, report.Segments[0].Limits!.Mean, 12);
        Assert.Equal(20, report.Segments[1].Limits!.Mean, 12);
        Assert.Equal(2, report.Segments[1].Limits!.MeanMovingRange, 12);
        Assert.Equal("Gold Line extended to care homes", report.Segments[1].ChangeReason);
        Assert.Equal(Series.Start.Plus(14), report.Segments[1].From);
        Assert.Same(report.Segments[1].Limits, report.Limits);
        Assert.Equal(1, report.Points[14].Segment);
        Assert.All(report.Points, p => Assert.Equal(SpcSignals.None, p.Signals));
        Assert.Equal(VariationIcon.CommonCause, report.Variation);

        // Without the declared change, the limits stay on the first 14 points and the new level is special cause.
        var undeclared = XmrChart.Calculate(Series.AfterQuietBaseline(after), Series.Fixed());
        Assert.Equal(VariationIcon.ImprovementHigh, undeclared.Variation);
    }

    [Fact]
    public void DeclaredChange_RunsDoNotContinueAcrossIt()
    {
        // Segment 1 ends with four points above its mean; the change at month 18 starts segment 2 whose
        // first three points are above its own mean: 4 + 3 = 7 across the change, but no shift.
        // Segment 1: quiet baseline + 11 11 11 11 → 18 points, mean (140 + 44)/18 = 10.22, the 11s above it.
        // Segment 2: 31 31 31 then 29 31 29 31 29 31 29 31 29 29 29 → 15 points, mean 451/15 = 30.07.
        double[] segment1 = [.. Series.QuietBaseline, 11, 11, 11, 11];
        double[] segment2 = [31, 31, 31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 29, 29, 30];
        var options = new SpcOptions
        {
            Recalculations = [new ProcessChange { Period = Series.Start.Plus(segment1.Length) }],
        };
        var report = XmrChart.Calculate(Series.Of([.. segment1, .. segment2]), options);

        Assert.All(report.Points, p => Assert.False(p.Signals.HasFlag(SpcSignals.ShiftHigh)));
    }

    [Fact]
    public void DeclaredChange_TooFewPointsSince_ShowsTheRunAndSaysWhy()
    {
        var change = new ProcessChange { Period = Series.Start.Plus(14), Reason = "new pathway" };
        var report = XmrChart.Calculate(Series.AfterQuietBaseline(20, 21, 22, 23, 24),
            new SpcOptions { Direction = ImprovementDirection.Higher, Target = 22, Recalculations = [change] });

        Assert.NotNull(report.Segments[0].Limits);
        Assert.Null(report.Segments[1].Limits);
        Assert.Null(report.Limits);
        Assert.Equal(VariationIcon.None, report.Variation);
        Assert.Equal(AssuranceIcon.None, report.Assurance);
        Assert.Contains("Only 5 points since the change in 2025-03", report.NoLimitsReason);
        Assert.All(report.Points.Skip(14), p => Assert.Equal(SpcSignals.None, p.Signals));
    }

    [Fact]
    public void DeclaredChange_WithItsOwnBaseline_FixesLimitsOnTheFirstPointsAfterIt()
    {
        // After the change: 14 points alternating 21, 19 (mean 20, mR̄ 2), then 40:
        // with baseline_periods 14 the 40 is outside; the change's limits ignore it.
        double[] after = [21, 19, 21, 19, 21, 19, 21, 19, 21, 19, 21, 19, 21, 19, 40];
        var change = new ProcessChange { Period = Series.Start.Plus(14), BaselinePeriods = 14 };
        var report = XmrChart.Calculate(Series.AfterQuietBaseline(after),
            new SpcOptions { Direction = ImprovementDirection.Lower, Recalculations = [change] });

        Assert.Equal(20, report.Limits!.Mean, 12);
        Assert.Equal(SpcSignals.OutsideHigh, report.Latest!.Signals);
        Assert.Equal(VariationIcon.ConcernHigh, report.Variation);
    }

    [Fact]
    public void DeclaredChange_AfterTheLastPoint_WaitsForData()
    {
        var change = new ProcessChange { Period = Series.Start.Plus(40) };
        var report = XmrChart.Calculate(Series.Of(Series.QuietBaseline), new SpcOptions { Recalculations = [change] });
        Assert.Single(report.Segments);
        Assert.NotNull(report.Limits);
    }

    [Fact]
    public void WeeklySeries_AreReadTheSameWay()
    {
        var start = Period.IsoWeek(2025, 1);
        var points = Series.QuietBaseline.Select((v, i) => new SeriesPoint(start.Plus(i), v)).ToArray();
        var report = XmrChart.Calculate(points, new SpcOptions());
        Assert.Equal(10, report.Limits!.Mean, 12);
        Assert.Equal("2025-W14", report.Latest!.Period.Label);
    }
}
