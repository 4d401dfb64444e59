using Collaborative.Contracts.V1;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Alignment;

public sealed class AlignmentRuleTests
{
    [Fact]
    public void AlignedProgramme_HasNoFindings()
    {
        var summary = Check(Mini);

        Assert.Empty(summary.Findings);
        Assert.Equal(Principle.Defaults.Select(p => p.Id), summary.Principles.Select(p => p.PrincipleId));
        Assert.All(summary.Principles, p => Assert.Equal(Severity.Unspecified, p.Worst));
    }

    [Fact]
    public void SingleOwner_GoalOwnedByOnePartner_IsAWarningUnderDefineTogether()
    {
        var finding = Assert.Single(Findings(Check(WithGoal(g => g with { CoOwners = ["acute"] })), "goal.single-owner"));

        Assert.Equal(("goal", "fewer-opioids"), (finding.SubjectKind, finding.SubjectId));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("define-together", finding.PrincipleId);
        Assert.Equal("host", finding.Source);
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' is owned by one organisation only (Acute trust).", finding.What);
        Assert.NotEmpty(finding.Why);
        Assert.NotEmpty(finding.Action);

        Assert.Contains("no co-owning partner", Assert.Single(Findings(Check(WithGoal(g => g with { CoOwners = [] })), "goal.single-owner")).What);
    }

    [Fact]
    public void OneSidedTeam_ClinicalOnlyCorporateOnlyOrEmpty_AreFound()
    {
        var clinicalOnly = Check(WithGoal(g => g with { Team = [new("acute", "pain"), new("gp", "practice")] }));
        Assert.Contains("clinical services only", Assert.Single(Findings(clinicalOnly, "goal.one-sided-team")).What);
        Assert.Equal("diverse-expertise", Findings(clinicalOnly, "goal.one-sided-team")[0].PrincipleId);

        var corporateOnly = Check(WithGoal(g => g with { Team = [new("acute", "info")] }));
        Assert.Contains("corporate-support services only", Assert.Single(Findings(corporateOnly, "goal.one-sided-team")).What);

        var empty = Check(WithGoal(g => g with { Team = [] }));
        Assert.Contains("no services at all", Assert.Single(Findings(empty, "goal.one-sided-team")).What);
    }

    [Fact]
    public void NoLivedExperience_IsFound()
    {
        var finding = Assert.Single(Findings(Check(WithGoal(g => g with { LivedExperience = [] })), "goal.no-lived-experience"));
        Assert.Equal("diverse-expertise", finding.PrincipleId);
    }

    [Fact]
    public void NoExecutiveSponsorOrClinicalLead_AreErrorsUnderSharedLeadership()
    {
        var summary = Check(WithGoal(g => g with { ExecutiveSponsor = null, ClinicalLead = null }));

        Assert.Equal(Severity.Error, Assert.Single(Findings(summary, "goal.no-executive-sponsor")).Severity);
        Assert.Equal(Severity.Error, Assert.Single(Findings(summary, "goal.no-clinical-lead")).Severity);
        Assert.Equal(2, summary.For("shared-leadership")!.Errors);
        Assert.Equal(Severity.Error, summary.For("shared-leadership")!.Worst);
    }

    [Fact]
    public void NoBaseline_ShortBaseline_AndTooFewObservedBaselinePoints_AreFound()
    {
        var none = Assert.Single(Findings(Check(WithGoal(g => g with { Baseline = null })), "goal.no-baseline"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has no baseline.", none.What);
        Assert.Equal("improvement-mindset", none.PrincipleId);

        var shortBaseline = Assert.Single(Findings(Check(WithGoal(g => g with { Baseline = new GoalBaseline { Value = 12, Periods = 12 } })), "goal.no-baseline"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has a baseline of 12 periods; SPC limits need at least 13.", shortBaseline.What);

        var fewPoints = Assert.Single(Findings(Check(Mini, Ledger(points: 8)), "goal.no-baseline"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has 8 observed baseline points; SPC limits need at least 13.", fewPoints.What);

        Assert.Empty(Findings(Check(Mini, Ledger(points: 13)), "goal.no-baseline"));
    }

    [Fact]
    public void NoTargetDate_IsFound()
    {
        var finding = Assert.Single(Findings(Check(WithGoal(g => g with { Aim = g.Aim with { ByWhen = null } })), "goal.no-target-date"));
        Assert.Equal("Goal 'Fewer high-dose opioid prescriptions' has a target of 8 but no date to reach it by.", finding.What);
    }

    [Fact]
    public void StaleData_NoObservationForTwoCompletePeriods_IsFound()
    {
        // Latest observation 2025-10. On 2025-12-05 the last complete month is 2025-11: one month
        // without data, still fresh. On 2026-01-05 the last complete month is 2025-12: two months.
        Assert.Empty(Findings(Check(Mini, asOf: new DateOnly(2025, 12, 5)), "measure.stale-data"));

        var finding = Assert.Single(Findings(Check(Mini, asOf: new DateOnly(2026, 1, 5)), "measure.stale-data"));
        Assert.Equal(("measure", "opioid-rx"), (finding.SubjectKind, finding.SubjectId));
        Assert.Equal("Measure 'High-dose opioid prescriptions' has had no observation since 2025-10 (2 complete months without data).", finding.What);
        Assert.Contains("module 'prescribing'", finding.Action);

        // The programme may allow longer.
        var patient = Mini with { AlignmentRules = [new AlignmentRuleSetting { RuleId = "measure.stale-data", Parameters = ImmutableDictionaryOf("periods", 3) }] };
        Assert.Empty(Findings(Check(patient, asOf: new DateOnly(2026, 1, 5)), "measure.stale-data"));
    }

    [Fact]
    public void StaleData_NoObservationsAtAll_IsFound()
    {
        var finding = Assert.Single(Findings(Check(Mini, Collaborative.Programme.Observations.ObservationLedger.Empty), "measure.stale-data"));
        Assert.Equal("Measure 'High-dose opioid prescriptions' has no observations at all.", finding.What);
    }

    [Fact]
    public void MeasureFeedingNoGoal_IsWorkThatDoesNotServeTheSharedPurpose()
    {
        var extra = Mini.Measures[0] with { Id = "falls", Name = "Falls", Module = null };
        var finding = Assert.Single(Findings(Check(Mini with { Measures = [.. Mini.Measures, extra] }), "measure.no-shared-goal"));
        Assert.Equal("falls", finding.SubjectId);
        Assert.Contains("shared purpose", finding.Why);
    }

    [Fact]
    public void ModuleFeedingNoGoal_IsFound_WhetherTheProgrammeOrThePluginSaysWhatItReports()
    {
        var summary = Check(Mini, modules:
        [
            new ModuleContribution("prescribing", ["opioid-rx", "naloxone-kits"]),
            new ModuleContribution("falls-module", ["falls.rate"]),
        ]);

        var finding = Assert.Single(Findings(summary, "module.no-shared-goal"));
        Assert.Equal(("module", "falls-module"), (finding.SubjectKind, finding.SubjectId));
        Assert.Equal("Module 'falls-module' reports 1 measure (falls.rate), none of which feeds a shared goal.", finding.What);
    }

    [Fact]
    public void PartnerInNoCommunityAndNoGoal_IsFound()
    {
        var hospice = new PartnerOrganisation { Id = "hospice", Name = "Hospice", Kind = PartnerKind.Hospice };
        var finding = Assert.Single(Findings(Check(Mini with { Partners = [.. Mini.Partners, hospice] }), "partner.uninvolved"));
        Assert.Equal(("partner", "hospice", "relationships-trust"), (finding.SubjectKind, finding.SubjectId, finding.PrincipleId));

        // Serving in a goal team is enough.
        var inCommunity = Mini with
        {
            Partners = [.. Mini.Partners, hospice],
            Communities = [Mini.Communities[0] with { Members = ["acute", "gp", "hospice"] }],
        };
        Assert.Empty(Findings(Check(inCommunity), "partner.uninvolved"));
    }

    [Fact]
    public void TooManyGoals_ForTheProgrammeSize_LessIsMore()
    {
        // 2 partners, 1 community: allowance max(1, 2) → at least 3. Four goals are too many; three are not.
        ProgrammeDefinition WithGoals(int n) => Mini with
        {
            // Change idea ids are unique in a programme, so the copies leave the diagram out.
            Goals = [.. Enumerable.Range(0, n).Select(i => Goal with { Id = $"goal-{i}", DriverDiagram = null })],
        };

        Assert.Empty(Findings(Check(WithGoals(3)), "programme.too-many-goals"));
        var finding = Assert.Single(Findings(Check(WithGoals(4)), "programme.too-many-goals"));
        Assert.Equal("The programme has 4 shared goals; 3 is plenty for 2 partners in 1 clinical communities.", finding.What);

        var generous = WithGoals(4) with { AlignmentRules = [new AlignmentRuleSetting { RuleId = "programme.too-many-goals", Parameters = ImmutableDictionaryOf("max_goals", 5) }] };
        Assert.Empty(Findings(Check(generous), "programme.too-many-goals"));
    }

    [Fact]
    public void CommunityWithNoGoal_IsInformation()
    {
        var idle = new ClinicalCommunity { Id = "idle", Name = "Idle community", Members = ["acute"] };
        var finding = Assert.Single(Findings(Check(Mini with { Communities = [.. Mini.Communities, idle] }), "community.no-goal"));
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void Settings_DisableReweightAndReassignRules()
    {
        var broken = WithGoal(g => g with { CoOwners = ["acute"], LivedExperience = [] }) with
        {
            Principles = [.. Principle.Defaults, new Principle { Id = "tell-it-once", Title = "People tell their story once" }],
            AlignmentRules =
            [
                new AlignmentRuleSetting { RuleId = "goal.single-owner", Enabled = false },
                new AlignmentRuleSetting { RuleId = "goal.no-lived-experience", Severity = Severity.Error, Principle = "tell-it-once" },
            ],
        };
        var summary = Check(broken);

        Assert.Empty(Findings(summary, "goal.single-owner"));
        var finding = Assert.Single(Findings(summary, "goal.no-lived-experience"));
        Assert.Equal((Severity.Error, "tell-it-once"), (finding.Severity, finding.PrincipleId));
        Assert.Equal(1, summary.For("tell-it-once")!.Errors);
        Assert.Empty(summary.For("diverse-expertise")!.Findings);
    }

    [Fact]
    public void PluginFindings_JoinTheSummary_UnknownPrinciplesUnderOther()
    {
        var contributed = new[]
        {
            new AlignmentFinding { RuleId = "eol.register-review-overdue", PrincipleId = "improvement-mindset", Severity = Severity.Warning, SubjectKind = "module", SubjectId = "end-of-life-register", What = "31 records are past their review date", Source = "end-of-life-register" },
            new AlignmentFinding { RuleId = "coaching.own-microsystem", PrincipleId = "coach-independence", SubjectKind = "module", SubjectId = "coaching-academy", What = "2 coaches coach their own microsystem" },
        };
        var summary = Check(Mini, contributed: contributed);

        Assert.Equal(2, summary.Findings.Length);
        Assert.Equal(1, summary.For("improvement-mindset")!.Warnings);
        var other = summary.For(AlignmentSummary.OtherPrincipleId)!;
        var finding = Assert.Single(other.Findings);
        Assert.Equal((Severity.Info, "plugin"), (finding.Severity, finding.Source));
        Assert.Equal(1, summary.Infos);
        Assert.Equal(Severity.Unspecified, contributed[1].Severity); // the plugin's message is not changed
    }

    [Fact]
    public void Summary_CountsBySeverityPerPrinciple()
    {
        var summary = Check(WithGoal(g => g with { CoOwners = ["acute"], Aim = g.Aim with { ByWhen = null }, ExecutiveSponsor = null }));

        var defineTogether = summary.For("define-together")!;
        Assert.Equal((0, 2, 0), (defineTogether.Errors, defineTogether.Warnings, defineTogether.Infos));
        Assert.Equal((1, 2, 0), (summary.Errors, summary.Warnings, summary.Infos));
        Assert.Equal(AsOf, summary.AsOf);
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, int> ImmutableDictionaryOf(string key, int value) =>
        System.Collections.Immutable.ImmutableDictionary<string, int>.Empty.Add(key, value);
}
