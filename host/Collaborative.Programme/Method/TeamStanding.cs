namespace Collaborative.Programme.Method;

/// <summary>Where one goal team stands in a month: its score then, its score before, and how it moved.</summary>
public sealed record TeamStanding
{
    public required string GoalId { get; init; }

    /// <summary>The score recorded for the month; null when none was.</summary>
    public ProgressScore? Current { get; init; }

    /// <summary>The latest score before the month; null when there is none.</summary>
    public ProgressScore? Previous { get; init; }

    public ScoreMovement Movement => (Current, Previous) switch
    {
        (null, _) => ScoreMovement.NotScored,
        (_, null) => ScoreMovement.New,
        ({ } now, { } before) when now.Score > before.Score => ScoreMovement.Up,
        ({ } now, { } before) when now.Score < before.Score => ScoreMovement.Down,
        _ => ScoreMovement.Same,
    };

    /// <summary>The change in score since the previous one; null without both.</summary>
    public double? Change => Current is { } now && Previous is { } before ? now.Score - before.Score : null;
}
