using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>One measure of one programme (key "programmeId/measureId"): its observations, idempotent by id, every revision kept, durable before acknowledged.</summary>
public interface IMeasureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a batch (already checked against the programme) in one durable write and returns one result per
    /// observation, in order. An observation that re-uses an id with other content is answered as a conflict and
    /// not recorded; the rest of the batch is, or with <see cref="MeasureBatch.UpToFirstConflict"/> none of it
    /// (the results then end at the conflict).
    /// </summary>
    Task<ImmutableArray<MeasureRecordResult>> RecordAsync(MeasureBatch batch);

    /// <summary>
    /// What <see cref="RecordAsync"/> would answer for <paramref name="batch"/> now, recording nothing: how a report
    /// over several measures finds its first refusal before any measure records what follows it.
    /// </summary>
    [ReadOnly]
    Task<ImmutableArray<MeasureRecordResult>> CheckAsync(MeasureBatch batch);

    /// <summary>Every accepted observation, in arrival order (revisions included).</summary>
    [ReadOnly]
    Task<MeasureHistory> GetHistoryAsync();

    /// <summary>How many observations have been accepted: a cheap way to know the history changed.</summary>
    [ReadOnly]
    Task<long> GetSequenceAsync();

    /// <summary>Tells <paramref name="watcher"/> of every accepted batch until it unsubscribes or lapses.</summary>
    Task SubscribeAsync(IProgressWatcher watcher);

    Task UnsubscribeAsync(IProgressWatcher watcher);
}
