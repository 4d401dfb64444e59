using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>A part of a primary driver that teams can act on (e.g. "conversations start early").</summary>
public sealed record SecondaryDriver
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public ImmutableArray<ChangeIdea> ChangeIdeas { get; init; } = [];
}
