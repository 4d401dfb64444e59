using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Observations;
using Microsoft.Extensions.Logging;

namespace Collaborative.Programme.Grains;

/// <summary>
/// A measure's ledger. State is every accepted observation in arrival order; the immutable ledger is rebuilt
/// from it on activation and swapped only after a write is durable, so a failed write leaves the grain as it was.
/// A batch is one durable write, whatever its size.
/// </summary>
internal sealed class MeasureGrain(
    [PersistentState("measure")] IPersistentState<MeasureState> state,
    StorageConflicts conflicts,
    ILogger<MeasureGrain> log) : Grain, IMeasureGrain
{
    private readonly ProgressWatchers _watchers = new(log);
    private ObservationLedger _ledger = ObservationLedger.Empty;

    // The id observations name: the key is "programmeId/measureId" (or the bare id of an upgraded programme).
    private string MeasureId => ProgrammeScope.Split(this.GetPrimaryKeyString()).LocalId;

    private MeasurePeriod Period => state.State.PeriodKind == "week" ? MeasurePeriod.Week : MeasurePeriod.Month;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Reload();
        return Task.CompletedTask;
    }

    public async Task<ImmutableArray<MeasureRecordResult>> RecordAsync(MeasureBatch batch)
    {
        var observations = OwnObservations(batch);
        var (results, ledger, added) = Apply(observations, batch.UpToFirstConflict, _ledger);
        if (added.Count == 0)
        {
            return results;
        }

        (results, ledger) = await conflicts.WriteAsync(
            state,
            () =>
            {
                // Against what is stored now: after a conflict the ledger was reloaded, so ids another
                // activation recorded meanwhile come back as duplicates, not twice.
                var (again, next, toStore) = Apply(observations, batch.UpToFirstConflict, _ledger);
                state.State.MeasureId = MeasureId;
                state.State.PeriodKind = batch.Period == MeasurePeriod.Week ? "week" : "month";
                state.State.Observations.AddRange(toStore);
                return (again, next);
            },
            Reload);
        _ledger = ledger;
        var sequence = ledger.Sequence;
        _watchers.Notify(w => w.MeasureChanged(MeasureId, sequence));
        return results;
    }

    public Task<ImmutableArray<MeasureRecordResult>> CheckAsync(MeasureBatch batch) =>
        Task.FromResult(Apply(OwnObservations(batch), batch.UpToFirstConflict, _ledger).Results);

    public Task<MeasureHistory> GetHistoryAsync() =>
        Task.FromResult(new MeasureHistory(MeasureId, Period, _ledger.Sequence, [.. state.State.Observations]));

    public Task<long> GetSequenceAsync() => Task.FromResult(_ledger.Sequence);

    public Task SubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Subscribe(watcher);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    private List<MeasureObservation> OwnObservations(MeasureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var observations = batch.ToDomain().ToList();
        foreach (var observation in observations.Where(o => o.MeasureId != MeasureId))
        {
            throw new ArgumentException($"Observation '{observation.Id}' is for measure '{observation.MeasureId}', not '{MeasureId}'.");
        }

        return observations;
    }

    private void Reload() =>
        _ledger = new MeasureHistory(MeasureId, Period, 0, [.. state.State.Observations]).ToLedger();

    private static (ImmutableArray<MeasureRecordResult> Results, ObservationLedger Ledger, List<Observation> Added) Apply(
        IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict, ObservationLedger ledger)
    {
        var results = ImmutableArray.CreateBuilder<MeasureRecordResult>(observations.Count);
        var added = new List<Observation>();
        foreach (var observation in observations)
        {
            RecordResult result;
            try
            {
                result = ledger.Record(observation);
            }
            catch (ObservationConflictException ex)
            {
                results.Add(new MeasureRecordResult(observation.Id, MeasureRecordOutcome.Conflict, 0, ledger.Sequence, ex.Message));
                if (upToFirstConflict)
                {
                    break;
                }

                continue;
            }

            ledger = result.Ledger;
            results.Add(new MeasureRecordResult(observation.Id, MeasureRecordResult.ToWire(result.Outcome), result.Revision.Revision, ledger.Sequence, null));
            if (result.Outcome != RecordOutcome.Duplicate)
            {
                added.Add(observation.ToContract());
            }
        }

        return (results.ToImmutable(), ledger, added);
    }
}
