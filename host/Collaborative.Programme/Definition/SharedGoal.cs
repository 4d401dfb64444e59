using System.Collections.Immutable;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Definition;

/// <summary>A goal partners own together: aim, measure, baseline, target, owners, leaders and team.</summary>
public sealed record SharedGoal
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required AimStatement Aim { get; init; }

    public required string Measure { get; init; }

    public GoalBaseline? Baseline { get; init; }

    public double? Target { get; init; }

    /// <summary>Overrides the measure's improvement direction when set.</summary>
    public ImprovementDirection? Improvement { get; init; }

    /// <summary>Partner ids that co-own the goal.</summary>
    public ImmutableArray<string> CoOwners { get; init; } = [];

    public Leader? ExecutiveSponsor { get; init; }

    public Leader? ClinicalLead { get; init; }

    /// <summary>How patients, carers or the public take part (reference groups, co-design, ...). Empty: none.</summary>
    public ImmutableArray<string> LivedExperience { get; init; } = [];

    /// <summary>Clinical community ids working on the goal.</summary>
    public ImmutableArray<string> Communities { get; init; } = [];

    /// <summary>The services, clinical and corporate support, that make up the goal team.</summary>
    public ImmutableArray<ServiceReference> Team { get; init; } = [];

    public ImmutableArray<ProcessChange> Changes { get; init; } = [];

    /// <summary>The goal's theory of change; null when the team has not drawn one (a rule says so).</summary>
    public DriverDiagram? DriverDiagram { get; init; }

    public ImprovementDirection DirectionFor(Measure measure) => Improvement ?? measure.Improvement;
}
