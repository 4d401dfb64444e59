using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Clinicians and others from several partners gathered around shared goals, with latitude for local
/// solutions. Goals can be named here or by the goal itself; the programme holds the union.
/// </summary>
public sealed record ClinicalCommunity
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Purpose { get; init; } = string.Empty;

    /// <summary>Partner ids taking part.</summary>
    public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>Shared goal ids the community works on.</summary>
    public ImmutableArray<string> Goals { get; init; } = [];
}
