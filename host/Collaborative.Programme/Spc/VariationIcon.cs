namespace Collaborative.Programme.Spc;

/// <summary>The Making Data Count variation icon for the latest point.</summary>
public enum VariationIcon
{
    /// <summary>No icon: too few points, or the latest segment has no limits (the report says why).</summary>
    None,
    CommonCause,
    ImprovementHigh,
    ImprovementLow,
    ConcernHigh,
    ConcernLow,
    NeutralHigh,
    NeutralLow,
}
