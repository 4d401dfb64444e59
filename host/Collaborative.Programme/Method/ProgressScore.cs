using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>
/// A goal team's progress for one month on the <see cref="AssessmentScale"/>. One per goal and month: a
/// later score for the same month replaces the earlier.
/// </summary>
public sealed record ProgressScore
{
    public required string GoalId { get; init; }

    /// <summary>A monthly period.</summary>
    public required Period Month { get; init; }

    /// <summary>1.0 to 5.0 in half steps.</summary>
    public required double Score { get; init; }

    /// <summary>Who scored it, as the principal's display name.</summary>
    public required string RecordedBy { get; init; }

    /// <summary>Why this score: the justification the scale asks for. Optional.</summary>
    public string Note { get; init; } = string.Empty;

    public required DateOnly Recorded { get; init; }

    /// <summary>The scale level; throws for a score that was never validated.</summary>
    public AssessmentLevel Level => AssessmentScale.Level(Score);
}
