using System.Collections.Immutable;

namespace Collaborative.Programme.Method;

/// <summary>A learning session, action-period review or webinar: when, which goals it covered, what was learned.</summary>
public sealed record LearningEvent
{
    public required string Id { get; init; }

    public required DateOnly Date { get; init; }

    public required LearningEventKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>Goal ids covered; the event is a marker on each of their charts.</summary>
    public ImmutableArray<string> Goals { get; init; } = [];

    public ImmutableArray<string> Lessons { get; init; } = [];
}
