namespace Collaborative.Programme.Spc;

/// <summary>
/// What a point's signals mean given the improvement direction. Improvement and concern can both be set
/// (a falling trend above the mean); the variation icon then shows improvement.
/// </summary>
[Flags]
public enum SpecialCause
{
    None = 0,
    Improvement = 1,
    Concern = 2,

    /// <summary>Special cause on a measure with no improvement direction.</summary>
    Neutral = 4,
}
