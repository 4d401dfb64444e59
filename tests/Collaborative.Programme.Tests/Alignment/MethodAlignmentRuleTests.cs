using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Alignment;

/// <summary>The rules that read the improvement method: driver diagrams, PDSA cycles, progress scores, learning events.</summary>
public sealed class MethodAlignmentRuleTests
{
    private static ImmutableDictionary<string, int> Parameter(string name, int value) => ImmutableDictionary<string, int>.Empty.Add(name, value);

    private static ProgrammeDefinition WithSetting(ProgrammeDefinition programme, string ruleId, string parameter, int value) =>
        programme with { AlignmentRules = [new AlignmentRuleSetting { RuleId = ruleId, Parameters = Parameter(parameter, value) }] };

    private static MethodSnapshot WithCycles(params PdsaCycle[] cycles) => new(cycles, [], [Score], [Session]);

    private static MethodSnapshot WithScores(params ProgressScore[] scores) => new([Cycle], [], scores, [Session]);

    private static MethodSnapshot WithEvents(params LearningEvent[] events) => new([Cycle], [], [Score], events);

    /// <summary>24 months to 2025-10: a 15-month baseline alternating 12/13, then 2025-02 far below (special cause improvement, lower is better), then 12/13 again.</summary>
    private static ObservationLedger SignalIn2025February() =>
        ObservationLedger.From(Enumerable.Range(0, 24).Select(i => new MeasureObservation
        {
            Id = $"rx-{i}",
            MeasureId = "opioid-rx",
            Period = Period.Month(2023, 11).Plus(i),
            Value = i == 15 ? 5 : 12 + (i % 2),
        }));

    private static ProgrammeDefinition ReviewedOn(DateOnly? reviewed) => WithGoal(g => g with { DriverDiagram = g.DriverDiagram! with { Reviewed = reviewed } });

    [Fact]
    public void NoDriverDiagram_IsAWarningUnderImprovementMindset()
    {
        var finding = Assert.Single(Findings(Check(WithGoal(g => g with { DriverDiagram = null })), "goal.no-driver-diagram"));

        Assert.Equal(("goal", "fewer-opioids", Severity.Warning, "improvement-mindset"), (finding.SubjectKind, finding.SubjectId, finding.Severity, finding.PrincipleId));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has no driver diagram.", finding.What);
        Assert.Contains("clear theory of change", finding.Why);
    }

    [Fact]
    public void NoDriverDiagram_ADiagramWithoutChangeIdeas_IsFound_OneWithIdeasIsNot()
    {
        var empty = WithGoal(g => g with { DriverDiagram = new DriverDiagram { PrimaryDrivers = [new PrimaryDriver { Id = "p", Title = "Safer prescribing" }] } });
        var finding = Assert.Single(Findings(Check(empty), "goal.no-driver-diagram"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has a driver diagram with 1 primary driver but no change ideas.", finding.What);

        Assert.Empty(Findings(Check(Mini), "goal.no-driver-diagram"));
    }

    [Fact]
    public void NoRecentPdsa_AnIdeaNeverTested_IsFound()
    {
        var finding = Assert.Single(Findings(Check(Mini, method: WithCycles()), "change-idea.no-recent-pdsa"));

        Assert.Equal(("change-idea", "taper-clinic", Severity.Warning, "improvement-mindset"), (finding.SubjectKind, finding.SubjectId, finding.Severity, finding.PrincipleId));
        Assert.Equal("Change idea 'Pharmacist-led tapering clinic' of goal 'Fewer high-dose opioid prescriptions' has never been tested in a PDSA cycle.", finding.What);
        Assert.Contains("GP practices", finding.Action); // the idea's owner is asked
    }

    [Fact]
    public void NoRecentPdsa_CountsTheLastDayAnythingHappened_AgainstThreeMonths()
    {
        // As of 2025-11-20, three months back is 2025-08-20.
        var ended = Cycle with { Status = PdsaStatus.Studying, Started = new DateOnly(2025, 7, 1), Ended = new DateOnly(2025, 8, 19), Recorded = new DateOnly(2025, 8, 19) };
        var finding = Assert.Single(Findings(Check(Mini, method: WithCycles(ended)), "change-idea.no-recent-pdsa"));
        Assert.Equal("Change idea 'Pharmacist-led tapering clinic' of goal 'Fewer high-dose opioid prescriptions' has had no PDSA cycle since 2025-08-19 (more than 3 months).", finding.What);

        Assert.Empty(Findings(Check(Mini, method: WithCycles(ended with { Ended = new DateOnly(2025, 8, 20), Recorded = new DateOnly(2025, 8, 20) })), "change-idea.no-recent-pdsa"));

        // The programme may allow longer.
        Assert.Empty(Findings(Check(WithSetting(Mini, "change-idea.no-recent-pdsa", "months", 4), method: WithCycles(ended)), "change-idea.no-recent-pdsa"));
    }

    [Fact]
    public void NoRecentPdsa_AnIdeaAdoptedOrAbandoned_IsSettled_AdaptedIsNot()
    {
        var done = Cycle with
        {
            Status = PdsaStatus.Done, Started = new DateOnly(2025, 1, 6), Ended = new DateOnly(2025, 2, 28), Recorded = new DateOnly(2025, 3, 3),
            Study = "Seven of ten accepted", Act = PdsaAct.Adopt,
        };

        Assert.Empty(Findings(Check(Mini, method: WithCycles(done)), "change-idea.no-recent-pdsa"));
        Assert.Empty(Findings(Check(Mini, method: WithCycles(done with { Act = PdsaAct.Abandon })), "change-idea.no-recent-pdsa"));
        Assert.Single(Findings(Check(Mini, method: WithCycles(done with { Act = PdsaAct.Adapt })), "change-idea.no-recent-pdsa"));
    }

    [Fact]
    public void RecordRules_WithoutMethodRecords_StaySilent()
    {
        // A caller that keeps no method records (null) is not told that nothing was recorded.
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(Mini, Ledger(), AsOf));

        Assert.Empty(summary.Findings);

        // An empty snapshot is a programme that has recorded nothing: every record rule speaks.
        var empty = Check(Mini, method: MethodSnapshot.Empty);
        Assert.Equal(["change-idea.no-recent-pdsa", "goal.no-progress-score", "programme.no-learning-event"], empty.Findings.Select(f => f.RuleId).Order());
    }

    [Fact]
    public void DriverDiagramNotReviewed_SpecialCauseAfterAnOldReview_IsFound()
    {
        var finding = Assert.Single(Findings(Check(ReviewedOn(new DateOnly(2025, 1, 15)), SignalIn2025February()), "goal.driver-diagram-not-reviewed"));

        Assert.Equal(("goal", "fewer-opioids", Severity.Warning, "improvement-mindset"), (finding.SubjectKind, finding.SubjectId, finding.Severity, finding.PrincipleId));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' shows special cause (improvement) at 2025-02, and its driver diagram was last reviewed on 2025-01-15.", finding.What);
        Assert.Contains("reviewed in the light of data", finding.Why);

        var undated = Assert.Single(Findings(Check(ReviewedOn(null), SignalIn2025February()), "goal.driver-diagram-not-reviewed"));
        Assert.EndsWith("and its driver diagram has no review date.", undated.What);
    }

    [Fact]
    public void DriverDiagramNotReviewed_ARecentReview_AReviewAfterTheSignal_OrNoSignal_IsNotFound()
    {
        Assert.Empty(Findings(Check(ReviewedOn(new DateOnly(2025, 9, 1)), SignalIn2025February()), "goal.driver-diagram-not-reviewed"));

        // Older than six months, but the review came after the signal: the team already looked.
        Assert.Empty(Findings(Check(ReviewedOn(new DateOnly(2025, 3, 15)), SignalIn2025February()), "goal.driver-diagram-not-reviewed"));

        // Common cause only: nothing new for the theory to explain.
        Assert.Empty(Findings(Check(ReviewedOn(null), Ledger(points: 24)), "goal.driver-diagram-not-reviewed"));

        // A programme that reviews yearly: 2025-01-15 is within twelve months of 2025-11-20.
        Assert.Empty(Findings(Check(WithSetting(ReviewedOn(new DateOnly(2025, 1, 15)), "goal.driver-diagram-not-reviewed", "months", 12), SignalIn2025February()), "goal.driver-diagram-not-reviewed"));
    }

    [Fact]
    public void NoProgressScore_TwoCompleteMonthsWithoutAScore_IsFound()
    {
        // As of 2025-11-20 the last complete month is 2025-10; a score for 2025-09 is still in time.
        Assert.Empty(Findings(Check(Mini, method: WithScores(Score with { Month = Period.Month(2025, 9) })), "goal.no-progress-score"));

        var finding = Assert.Single(Findings(Check(Mini, method: WithScores(Score with { Month = Period.Month(2025, 8) })), "goal.no-progress-score"));
        Assert.Equal(("goal", "fewer-opioids", Severity.Warning, "shared-leadership"), (finding.SubjectKind, finding.SubjectId, finding.Severity, finding.PrincipleId));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' was last scored for 2025-08 (2.5 Changes tested, but no improvement); 2 complete months since have no score.", finding.What);

        var never = Assert.Single(Findings(Check(Mini, method: WithScores()), "goal.no-progress-score"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has no progress score yet.", never.What);

        Assert.Empty(Findings(Check(WithSetting(Mini, "goal.no-progress-score", "months", 3), method: WithScores(Score with { Month = Period.Month(2025, 8) })), "goal.no-progress-score"));
    }

    [Fact]
    public void NoLearningEvent_ForFourMonths_IsFound()
    {
        // Four months before 2025-11-20 is 2025-07-20.
        Assert.Empty(Findings(Check(Mini, method: WithEvents(Session with { Date = new DateOnly(2025, 7, 20) })), "programme.no-learning-event"));

        var finding = Assert.Single(Findings(Check(Mini, method: WithEvents(Session with { Date = new DateOnly(2025, 7, 19) })), "programme.no-learning-event"));
        Assert.Equal(("programme", "mini", Severity.Warning, "relationships-trust"), (finding.SubjectKind, finding.SubjectId, finding.Severity, finding.PrincipleId));
        Assert.Equal("The programme's last learning event was 'Learning session 2' on 2025-07-19, more than 4 months ago.", finding.What);
        Assert.Contains("share quickly", finding.Why);

        // An event planned for next month has not shared anything yet.
        var planned = Assert.Single(Findings(Check(Mini, method: WithEvents(Session with { Date = new DateOnly(2025, 12, 1) })), "programme.no-learning-event"));
        Assert.Equal("The programme has recorded no learning event.", planned.What);

        Assert.Empty(Findings(Check(WithSetting(Mini, "programme.no-learning-event", "months", 5), method: WithEvents(Session with { Date = new DateOnly(2025, 7, 19) })), "programme.no-learning-event"));
    }

    [Fact]
    public void ChangeIdeas_ProcessMeasureAndOwners_CountAsServingTheGoal()
    {
        var processMeasure = Mini.Measures[0] with { Id = "taper-reviews", Name = "Tapering reviews held", Module = null, Improvement = Collaborative.Programme.Spc.ImprovementDirection.Higher };
        var hospice = new PartnerOrganisation { Id = "hospice", Name = "Hospice", Kind = PartnerKind.Hospice };
        var programme = WithGoal(g => g with
        {
            DriverDiagram = g.DriverDiagram! with
            {
                PrimaryDrivers = [g.DriverDiagram.PrimaryDrivers[0] with
                {
                    SecondaryDrivers = [g.DriverDiagram.PrimaryDrivers[0].SecondaryDrivers[0] with
                    {
                        ChangeIdeas = [g.DriverDiagram.ChangeIdeas.Single() with { Measure = "taper-reviews", Owners = ["gp", "hospice"] }],
                    }],
                }],
            },
        }) with { Measures = [.. Mini.Measures, processMeasure], Partners = [.. Mini.Partners, hospice] };

        var summary = Check(programme);

        Assert.Empty(Findings(summary, "measure.no-shared-goal"));
        Assert.Empty(Findings(summary, "partner.uninvolved"));

        // Serving a goal, the process measure is expected to report like any other.
        var stale = Assert.Single(Findings(summary, "measure.stale-data"));
        Assert.Equal("taper-reviews", stale.SubjectId);
    }

    [Fact]
    public void MethodRuleParameters_OutOfRange_AreRefusedNamingTheField()
    {
        var programme = WithSetting(Mini, "change-idea.no-recent-pdsa", "months", 0);
        var error = Assert.Single(ProgrammeValidator.Validate(programme));

        Assert.Equal("alignment.rules[change-idea.no-recent-pdsa].months: 'months' must be from 1 to 120, not 0", error.ToString());
    }
}
