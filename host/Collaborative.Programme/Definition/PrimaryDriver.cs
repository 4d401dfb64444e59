using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>A system element that must change for the aim to be met (e.g. "people's wishes are known").</summary>
public sealed record PrimaryDriver
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public ImmutableArray<SecondaryDriver> SecondaryDrivers { get; init; } = [];
}
