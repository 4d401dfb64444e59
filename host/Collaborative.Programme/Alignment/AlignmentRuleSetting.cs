using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>
/// A programme's setting for one built-in rule: switch it off, change its severity, report it under
/// another principle, or tune its parameters. Anything left null keeps the rule's default.
/// </summary>
public sealed record AlignmentRuleSetting
{
    public required string RuleId { get; init; }

    public bool? Enabled { get; init; }

    public Severity? Severity { get; init; }

    public string? Principle { get; init; }

    public ImmutableDictionary<string, int> Parameters { get; init; } = ImmutableDictionary<string, int>.Empty;
}
