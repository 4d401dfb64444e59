using Collaborative.Programme.Alignment;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Progress;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Defaults;

public sealed class DefaultProgrammeTests
{
    private static readonly DateOnly AsOf = new(2025, 11, 20);

    /// <summary>Within six months of the driver diagrams' review dates in the file.</summary>
    private static readonly DateOnly Reviewed = new(2026, 12, 1);

    [Fact]
    public void DefaultProgramme_LoadsWithItsPartnersCommunitiesGoalsAndPrinciples()
    {
        var programme = DefaultProgramme.Load();

        Assert.Equal("yorkshire-eol-and-coaching", programme.Id);
        Assert.Equal(12, programme.Partners.Length);
        Assert.Equal(4, programme.Communities.Length);
        Assert.Equal(7, programme.Goals.Length);
        Assert.Equal(8, programme.Measures.Length);
        Assert.Equal(6, programme.Principles.Length); // the five defaults and "tell-it-once"
        Assert.Equal(950, programme.FindGoal("register-coverage")!.Target);
        Assert.Empty(ProgrammeValidator.Validate(programme));
    }

    [Fact]
    public void DefaultHistory_IsDeterministicAndEndsInTheLastCompletePeriod()
    {
        var programme = DefaultProgramme.Load();
        var first = DefaultProgramme.History(programme, AsOf);
        var again = DefaultProgramme.History(programme, AsOf);
        Assert.Equal(first.Select(o => (o.Id, o.Value)), again.Select(o => (o.Id, o.Value)));

        var ledger = DefaultProgramme.Ledger(programme, AsOf);
        Assert.Equal("2025-10", ledger.LatestPeriod("eol.died-in-hospital")!.Value.Label);
        Assert.Equal("2025-W46", ledger.LatestPeriod("goldline.video-calls")!.Value.Label);
        Assert.Equal(36, ledger.CurrentSeries("eol.register-size").Length);
    }

    [Fact]
    public void DefaultProgramme_ShowsImprovementConcernAndCommonCauseOnFirstRun()
    {
        var programme = DefaultProgramme.Load();
        var progress = ProgrammeProgress.Calculate(programme, DefaultProgramme.Ledger(programme, AsOf))
            .ToDictionary(p => p.GoalId);

        Assert.Equal(VariationIcon.ImprovementLow, progress["fewer-hospital-deaths"].Report.Variation);
        Assert.Equal(VariationIcon.ImprovementHigh, progress["register-coverage"].Report.Variation);
        Assert.Equal(VariationIcon.ConcernLow, progress["coaches-keep-coaching"].Report.Variation);
        Assert.Equal(VariationIcon.CommonCause, progress["wishes-recorded"].Report.Variation);
        Assert.Equal(AssuranceIcon.Pass, progress["teams-keep-meeting"].Report.Assurance);
        Assert.Equal(AssuranceIcon.HitAndMiss, progress["gold-line-reach"].Report.Assurance);
        Assert.Equal(AssuranceIcon.Fail, progress["wishes-recorded"].Report.Assurance);
    }

    [Fact]
    public void DefaultProgramme_AlignmentCheckFindsTheDeliberateGapsOnly()
    {
        var programme = DefaultProgramme.Load();
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, DefaultProgramme.Ledger(programme, Reviewed), Reviewed));

        // Every goal has a driver diagram; the video calls feed the Gold Line goal as a change idea's process measure.
        // Without method records (none passed) the rules about them stay silent; DefaultMethodRecordsTests passes them.
        Assert.Equal(
            [
                ("goal.no-lived-experience", "coaches-keep-coaching"),
                ("measure.stale-data", "goldline.admissions-avoided"),
            ],
            summary.Findings.Select(f => (f.RuleId, f.SubjectId)).Order());
        Assert.Equal(1, summary.For("diverse-expertise")!.Warnings);
        Assert.Empty(summary.For("shared-leadership")!.Findings);
    }
}
