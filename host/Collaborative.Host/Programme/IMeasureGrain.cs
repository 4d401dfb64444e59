using Collaborative.Grains;
using Collaborative.Programme.Observations;

namespace Collaborative.Host.Programme;

/// <summary>One measure's observations: idempotent by id, every revision kept, durable before acknowledged.</summary>
public interface IMeasureGrain : IGrainWithStringKey
{
    /// <summary>Records one observation (already validated against the programme). Returns once durable.</summary>
    Task<MeasureRecordResult> RecordAsync(MeasureObservation observation);

    /// <summary>Records several in one durable write (sample seeding, bulk import).</summary>
    Task<IReadOnlyList<MeasureRecordResult>> RecordManyAsync(IReadOnlyList<MeasureObservation> observations);

    [ReadOnly]
    Task<MeasureSeries> GetSeriesAsync();

    /// <summary>Every revision, in arrival order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ObservationRevision>> GetRevisionsAsync();
}

/// <summary>What recording did: accepted, duplicate or revised, and the revision number.</summary>
public sealed record MeasureRecordResult(string ObservationId, RecordOutcome Outcome, int Revision, long Sequence);

/// <summary>The current value of every observed period, and how many observations made it.</summary>
public sealed record MeasureSeries(string MeasureId, System.Collections.Immutable.ImmutableArray<Collaborative.Programme.Spc.SeriesPoint> Points, long Sequence, ObservationLedger Ledger);
