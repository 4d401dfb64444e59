using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Alignment;

/// <summary>A minimal programme that every built-in rule is happy with; tests break one thing at a time.</summary>
internal static class AlignedProgramme
{
    public static readonly DateOnly AsOf = new(2025, 11, 20);

    public static readonly SharedGoal Goal = new()
    {
        Id = "fewer-opioids",
        Title = "Fewer high-dose opioid prescriptions",
        Aim = new AimStatement { What = "Reduce high-dose opioid prescribing", HowMuch = "by a third", ByWhen = new DateOnly(2026, 3, 31) },
        Measure = "opioid-rx",
        Baseline = new GoalBaseline { Value = 12, Periods = 15 },
        Target = 8,
        CoOwners = ["acute", "gp"],
        ExecutiveSponsor = new Leader { Name = "Ann Sponsor", Partner = "acute" },
        ClinicalLead = new Leader { Name = "Lee Lead", Partner = "gp" },
        LivedExperience = ["People living with chronic pain co-design the tapering plan"],
        Communities = ["pain"],
        Team = [new("acute", "pain"), new("acute", "info"), new("gp", "practice")],
        DriverDiagram = new DriverDiagram
        {
            Reviewed = new DateOnly(2025, 9, 1),
            PrimaryDrivers =
            [
                new PrimaryDriver
                {
                    Id = "safer-prescribing",
                    Title = "Safer prescribing in primary care",
                    SecondaryDrivers =
                    [
                        new SecondaryDriver
                        {
                            Id = "tapering",
                            Title = "Structured tapering reviews",
                            ChangeIdeas = [new ChangeIdea { Id = "taper-clinic", Title = "Pharmacist-led tapering clinic", Owners = ["gp"] }],
                        },
                    ],
                },
            ],
        },
    };

    /// <summary>A cycle under way, last month's score and a recent learning session: the method at work.</summary>
    public static readonly PdsaCycle Cycle = new()
    {
        Id = "taper-1",
        GoalId = "fewer-opioids",
        ChangeIdeaId = "taper-clinic",
        Owner = "gp",
        Status = PdsaStatus.Doing,
        Plan = "One practice offers a tapering review to ten patients",
        Prediction = "Six of ten accept a review",
        Started = new DateOnly(2025, 10, 6),
        Recorded = new DateOnly(2025, 10, 6),
    };

    public static readonly ProgressScore Score = new()
    {
        GoalId = "fewer-opioids",
        Month = Period.Month(2025, 10),
        Score = 2.5,
        RecordedBy = "Lee Lead",
        Recorded = new DateOnly(2025, 11, 3),
    };

    public static readonly LearningEvent Session = new()
    {
        Id = "ls-2",
        Date = new DateOnly(2025, 10, 15),
        Kind = LearningEventKind.LearningSession,
        Title = "Learning session 2",
        Goals = ["fewer-opioids"],
        Lessons = ["Patients accept tapering when their GP raises it first"],
    };

    public static readonly MethodSnapshot Method = new([Cycle], [], [Score], [Session]);

    public static readonly ProgrammeDefinition Mini = new()
    {
        Id = "mini",
        Name = "Mini programme",
        SharedPurpose = "Improve pain management and reduce harm from opioids",
        Partners =
        [
            new()
            {
                Id = "acute", Name = "Acute trust", Kind = PartnerKind.Acute,
                Services =
                [
                    new() { Id = "pain", Name = "Pain service", Side = ServiceSide.Clinical },
                    new() { Id = "info", Name = "Information", Side = ServiceSide.CorporateSupport },
                ],
            },
            new()
            {
                Id = "gp", Name = "GP practices", Kind = PartnerKind.PrimaryCare,
                Services = [new() { Id = "practice", Name = "General practice", Side = ServiceSide.Clinical }],
            },
        ],
        Communities = [new() { Id = "pain", Name = "Pain community", Members = ["acute", "gp"] }],
        Measures =
        [
            new()
            {
                Id = "opioid-rx", Name = "High-dose opioid prescriptions", Unit = "per 1000", Definition = "...",
                Period = PeriodKind.Month, Improvement = ImprovementDirection.Lower, Module = "prescribing",
            },
        ],
        Goals = [Goal],
    };

    /// <summary>15 monthly observations, 2024-08 to 2025-10 (the last complete month before <see cref="AsOf"/>).</summary>
    public static ObservationLedger Ledger(int points = 15, string measure = "opioid-rx") =>
        ObservationLedger.From(Enumerable.Range(0, points).Select(i => new MeasureObservation
        {
            Id = $"{measure}-{i}",
            MeasureId = measure,
            Period = Period.Month(2025, 10).Plus(i - points + 1),
            Value = 12 + (i % 2),
        }));

    public static AlignmentSummary Check(ProgrammeDefinition programme, ObservationLedger? ledger = null, DateOnly? asOf = null,
        ImmutableArray<ModuleContribution> modules = default, IEnumerable<AlignmentFinding>? contributed = null, MethodSnapshot? method = null)
    {
        Assert.Empty(ProgrammeValidator.Validate(programme)); // tests must break alignment, not validity
        return AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger ?? Ledger(), asOf ?? AsOf, modules, method: method ?? Method), contributed);
    }

    public static AlignmentFinding[] Findings(AlignmentSummary summary, string ruleId) => [.. summary.Findings.Where(f => f.RuleId == ruleId)];

    public static ProgrammeDefinition WithGoal(Func<SharedGoal, SharedGoal> change) => Mini with { Goals = [change(Goal)] };
}
