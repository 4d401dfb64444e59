using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>
/// The result of an alignment check: every finding (built-in and contributed by plugins) and, per
/// principle in the programme's order, what was found. Findings naming no known principle are gathered
/// under <see cref="OtherPrincipleId"/> rather than dropped.
/// </summary>
public sealed record AlignmentSummary
{
    public const string OtherPrincipleId = "other";

    public required DateOnly AsOf { get; init; }

    public ImmutableArray<AlignmentFinding> Findings { get; init; } = [];

    public ImmutableArray<PrincipleAlignment> Principles { get; init; } = [];

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    public int Infos => Findings.Count(f => f.Severity is Severity.Info or Severity.Unspecified);

    public PrincipleAlignment? For(string principleId) => Principles.FirstOrDefault(p => p.PrincipleId == principleId);
}
