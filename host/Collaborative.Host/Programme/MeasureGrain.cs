using Collaborative.Contracts.V1;
using Collaborative.Grains;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;

namespace Collaborative.Host.Programme;

/// <summary>
/// A measure's ledger. State is every accepted observation in arrival order; the immutable ledger is
/// rebuilt from it on activation and swapped only after a write is durable, so a failed write leaves
/// the grain exactly as it was.
/// </summary>
internal sealed class MeasureGrain(
    [PersistentState("measure")] IPersistentState<MeasureState> state,
    ProgressNotifier notifier) : Grain, IMeasureGrain
{
    private ObservationLedger _ledger = ObservationLedger.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var kind = state.State.PeriodKind == "week" ? PeriodKind.Week : PeriodKind.Month;
        _ledger = ObservationLedger.From(state.State.Observations.Select(o => MeasureObservation.FromStored(o, kind)));
        return Task.CompletedTask;
    }

    public async Task<MeasureRecordResult> RecordAsync(MeasureObservation observation) =>
        (await RecordManyAsync([observation]))[0];

    public async Task<IReadOnlyList<MeasureRecordResult>> RecordManyAsync(IReadOnlyList<MeasureObservation> observations)
    {
        var ledger = _ledger;
        var results = new List<MeasureRecordResult>(observations.Count);
        var added = new List<Observation>();
        foreach (var observation in observations)
        {
            if (observation.MeasureId != this.GetPrimaryKeyString())
            {
                throw new ArgumentException($"Observation '{observation.Id}' is for measure '{observation.MeasureId}', not '{this.GetPrimaryKeyString()}'.");
            }

            var result = ledger.Record(observation); // throws ObservationConflictException: same id, other content
            ledger = result.Ledger;
            results.Add(new MeasureRecordResult(observation.Id, result.Outcome, result.Revision.Revision, ledger.Sequence));
            if (result.Outcome != RecordOutcome.Duplicate)
            {
                added.Add(observation.ToContract());
            }
        }

        if (added.Count > 0)
        {
            state.State.MeasureId = this.GetPrimaryKeyString();
            state.State.PeriodKind = observations[0].Period.Kind == PeriodKind.Week ? "week" : "month";
            state.State.Observations.AddRange(added);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not durable: forget the additions so state matches what storage holds.
                await state.ReadStateAsync();
                throw;
            }

            _ledger = ledger;
            notifier.MeasureChanged(this.GetPrimaryKeyString());
        }

        return results;
    }

    public Task<MeasureSeries> GetSeriesAsync() =>
        Task.FromResult(new MeasureSeries(this.GetPrimaryKeyString(), _ledger.CurrentSeries(this.GetPrimaryKeyString()), _ledger.Sequence, _ledger));

    public Task<IReadOnlyList<ObservationRevision>> GetRevisionsAsync() =>
        Task.FromResult<IReadOnlyList<ObservationRevision>>(_ledger.All().ToList());
}
