namespace Collaborative.Grains.Abstractions;

/// <summary>What recording one observation did (the domain's outcomes, plus a conflict the batch answers instead of throwing).</summary>
[GenerateSerializer]
public enum MeasureRecordOutcome
{
    Accepted,
    Duplicate,
    Revised,

    /// <summary>The id was recorded before with other content; the first is kept.</summary>
    Conflict,
}
