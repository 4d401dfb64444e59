using System.Collections.Frozen;
using System.Collections.Immutable;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Observations;

/// <summary>
/// Every observation ever recorded, immutable: recording returns a new ledger, so a grain can hold it as
/// state and swap it only once the write is durable. Idempotent by observation id; a corrected value for
/// a period becomes a new revision and the earlier ones stay, so nothing is overwritten without trace.
/// The current value of a period is its latest revision by arrival order, not by the source's
/// recorded_at, which clocks on different partners' machines cannot be trusted to order.
/// </summary>
public sealed class ObservationLedger
{
    // Ids live in two maps: those a bulk build (From) brought in, frozen once, and those recorded since,
    // in an immutable map. Building one immutable map of 100,000+ ids costs seconds; freezing costs
    // milliseconds, and a grain rebuilds from its stored state with From on every activation.
    private readonly FrozenDictionary<string, ObservationRevision> _builtIds;
    private readonly ImmutableDictionary<string, ObservationRevision> _recordedIds;
    private readonly ImmutableDictionary<string, MeasureHistory> _byMeasure;

    private ObservationLedger(
        FrozenDictionary<string, ObservationRevision> builtIds,
        ImmutableDictionary<string, ObservationRevision> recordedIds,
        ImmutableDictionary<string, MeasureHistory> byMeasure,
        long sequence)
    {
        _builtIds = builtIds;
        _recordedIds = recordedIds;
        _byMeasure = byMeasure;
        Sequence = sequence;
    }

    public static ObservationLedger Empty { get; } = new(
        FrozenDictionary<string, ObservationRevision>.Empty,
        ImmutableDictionary.Create<string, ObservationRevision>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, MeasureHistory>(StringComparer.Ordinal),
        0);

    /// <summary>How many observations have been recorded (duplicates not counted).</summary>
    public long Sequence { get; }

    public IEnumerable<string> MeasureIds => _byMeasure.Keys;

    /// <summary>
    /// Builds a ledger from observations in arrival order, as recording them one by one would
    /// (duplicates are skipped; conflicts throw), but with mutable builders: replaying a grain's stored
    /// state should not pay for an immutable copy per observation.
    /// </summary>
    public static ObservationLedger From(IEnumerable<MeasureObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var byId = new Dictionary<string, ObservationRevision>(StringComparer.Ordinal);
        var byMeasure = new Dictionary<string, SortedDictionary<Period, List<ObservationRevision>>>(StringComparer.Ordinal);
        long sequence = 0;
        foreach (var observation in observations)
        {
            if (byId.TryGetValue(observation.Id, out var existing))
            {
                if (!existing.Observation.SameContentAs(observation))
                {
                    throw new ObservationConflictException(observation.Id, existing.Observation, observation);
                }

                continue;
            }

            if (!byMeasure.TryGetValue(observation.MeasureId, out var periods))
            {
                periods = [];
                byMeasure[observation.MeasureId] = periods;
            }

            if (!periods.TryGetValue(observation.Period, out var revisions))
            {
                revisions = [];
                periods[observation.Period] = revisions;
            }

            var revision = new ObservationRevision(observation, revisions.Count + 1, ++sequence);
            revisions.Add(revision);
            byId[observation.Id] = revision;
        }

        var measures = ImmutableDictionary.CreateBuilder<string, MeasureHistory>(StringComparer.Ordinal);
        foreach (var (measureId, periods) in byMeasure)
        {
            var history = ImmutableSortedDictionary.CreateBuilder<Period, ImmutableArray<ObservationRevision>>();
            foreach (var (period, revisions) in periods)
            {
                history[period] = [.. revisions];
            }

            measures[measureId] = new MeasureHistory(history.ToImmutable());
        }

        return new ObservationLedger(byId.ToFrozenDictionary(StringComparer.Ordinal), Empty._recordedIds, measures.ToImmutable(), sequence);
    }

    /// <summary>
    /// Records an observation. A re-sent id with the same content is a <see cref="RecordOutcome.Duplicate"/>
    /// and changes nothing; the same id with different content throws <see cref="ObservationConflictException"/>.
    /// </summary>
    public RecordResult Record(MeasureObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (Find(observation.Id) is { } existing)
        {
            return existing.Observation.SameContentAs(observation)
                ? new RecordResult(this, RecordOutcome.Duplicate, existing)
                : throw new ObservationConflictException(observation.Id, existing.Observation, observation);
        }

        var history = _byMeasure.TryGetValue(observation.MeasureId, out var found) ? found : MeasureHistory.Empty;
        var revisions = history.Periods.TryGetValue(observation.Period, out var earlier) ? earlier : [];
        var revision = new ObservationRevision(observation, revisions.Length + 1, Sequence + 1);
        var ledger = new ObservationLedger(
            _builtIds,
            _recordedIds.Add(observation.Id, revision),
            _byMeasure.SetItem(observation.MeasureId, history.With(revision, revisions)),
            Sequence + 1);
        return new RecordResult(ledger, revisions.IsEmpty ? RecordOutcome.Accepted : RecordOutcome.Revised, revision);
    }

    public ObservationRevision? Find(string observationId) =>
        _recordedIds.TryGetValue(observationId, out var recorded) ? recorded : _builtIds.GetValueOrDefault(observationId);

    /// <summary>The current value of every observed period of a measure, in period order.</summary>
    public ImmutableArray<SeriesPoint> CurrentSeries(string measureId) =>
        _byMeasure.TryGetValue(measureId, out var history) ? history.Current : [];

    /// <summary>Every revision of a (measure, period), oldest first.</summary>
    public ImmutableArray<ObservationRevision> Revisions(string measureId, Period period) =>
        _byMeasure.TryGetValue(measureId, out var history) && history.Periods.TryGetValue(period, out var revisions) ? revisions : [];

    /// <summary>The latest period with a value, if any.</summary>
    public Period? LatestPeriod(string measureId) =>
        _byMeasure.TryGetValue(measureId, out var history) ? history.Latest : null;

    /// <summary>Every revision in arrival order: what a grain persists and replays.</summary>
    public IEnumerable<ObservationRevision> All() => _builtIds.Values.Concat(_recordedIds.Values).OrderBy(r => r.Sequence);
}
