namespace Collaborative.Programme.Method;

/// <summary>How a goal team's score this month compares with its score before.</summary>
public enum ScoreMovement
{
    /// <summary>No score recorded for the month.</summary>
    NotScored,

    /// <summary>Scored this month for the first time.</summary>
    New,
    Up,
    Same,
    Down,
}
