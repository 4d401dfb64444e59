namespace Collaborative.Programme.Observations;

/// <summary>What the ledger did with an observation.</summary>
public enum RecordOutcome
{
    /// <summary>The first value for its measure and period.</summary>
    Accepted,

    /// <summary>The id was already recorded with the same content; nothing new was stored.</summary>
    Duplicate,

    /// <summary>A new value for a period that already had one; the earlier revision is kept.</summary>
    Revised,
}
