using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>A free note on a goal's chart at a period of its measure ("new GP lead started"), with its author.</summary>
public sealed record ChartAnnotation
{
    public required string Id { get; init; }

    public required string GoalId { get; init; }

    /// <summary>A period of the goal's measure (its kind must match).</summary>
    public required Period Period { get; init; }

    public required string Text { get; init; }

    /// <summary>Who wrote it, as the principal's display name.</summary>
    public required string Author { get; init; }

    public required DateOnly Recorded { get; init; }
}
