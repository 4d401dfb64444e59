using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>How the programme stands against one principle: its findings and their counts by severity.</summary>
public sealed record PrincipleAlignment
{
    public required string PrincipleId { get; init; }

    public required string Title { get; init; }

    public ImmutableArray<AlignmentFinding> Findings { get; init; } = [];

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    public int Infos => Findings.Count(f => f.Severity is Severity.Info or Severity.Unspecified);

    /// <summary>The worst severity among the findings; <see cref="Severity.Unspecified"/> when there are none.</summary>
    public Severity Worst => Findings.IsEmpty ? Severity.Unspecified : Findings.Max(f => f.Severity);
}
