using Collaborative.Programme.Observations;

namespace Collaborative.Grains.Abstractions;

/// <summary>What recording one observation did, its revision for the period, and the measure's sequence after it.</summary>
[GenerateSerializer, Immutable]
public sealed record MeasureRecordResult(string ObservationId, MeasureRecordOutcome Outcome, int Revision, long Sequence, string? Conflict)
{
    public static MeasureRecordOutcome ToWire(RecordOutcome outcome) => outcome switch
    {
        RecordOutcome.Accepted => MeasureRecordOutcome.Accepted,
        RecordOutcome.Duplicate => MeasureRecordOutcome.Duplicate,
        RecordOutcome.Revised => MeasureRecordOutcome.Revised,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a record outcome"),
    };
}
