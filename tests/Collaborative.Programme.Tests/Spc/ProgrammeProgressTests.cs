using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Progress;
using Collaborative.Programme.Spc;
using Collaborative.Programme.Tests.Alignment;

namespace Collaborative.Programme.Tests.Spc;

public sealed class ProgrammeProgressTests
{
    [Fact]
    public void Calculate_ReadsEachGoalsMeasureWithItsDirectionTargetAndBaseline()
    {
        // The aligned programme's ledger: 15 points alternating 12, 13 (2024-08 .. 2025-10), goal lower is
        // better, target 8, baseline 15 periods: mean 12.4667 (7·13 + 8·12 = 187 / 15), mR̄ 1.
        var progress = Assert.Single(ProgrammeProgress.Calculate(AlignedProgramme.Mini, AlignedProgramme.Ledger()));

        Assert.Equal(("fewer-opioids", "opioid-rx"), (progress.GoalId, progress.MeasureId));
        Assert.Equal(ImprovementDirection.Lower, progress.Report.Direction);
        Assert.Equal(187.0 / 15, progress.Report.Limits!.Mean, 12);
        Assert.Equal(1, progress.Report.Limits.MeanMovingRange, 12);
        Assert.Equal(VariationIcon.CommonCause, progress.Report.Variation);

        // Lower is better and the target 8 is below the lower limit 12.4667 − 2.66 = 9.8067: failing.
        Assert.Equal(AssuranceIcon.Fail, progress.Report.Assurance);
        Assert.Equal(12, progress.LatestValue);
        Assert.False(progress.LatestMeetsTarget);
        Assert.Equal(new DateOnly(2026, 3, 31), progress.TargetDate);
    }

    [Fact]
    public void Calculate_GoalDirectionOverridesTheMeasure_AndChangesRecalculate()
    {
        var programme = AlignedProgramme.WithGoal(g => g with
        {
            Improvement = ImprovementDirection.Higher,
            Target = 12,
            Changes = [new ProcessChange { Period = Period.Month(2025, 6), Reason = "new clinic" }],
        });
        var progress = Assert.Single(ProgrammeProgress.Calculate(programme, AlignedProgramme.Ledger()));

        Assert.Equal(ImprovementDirection.Higher, progress.Report.Direction);
        Assert.True(progress.LatestMeetsTarget);
        Assert.Equal(2, progress.Report.Segments.Length);
        Assert.Contains("since the change in 2025-06", progress.Report.NoLimitsReason);
    }
}
