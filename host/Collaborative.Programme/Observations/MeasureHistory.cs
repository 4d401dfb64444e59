using System.Collections.Immutable;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Observations;

/// <summary>
/// Every revision of one measure, by period. Immutable; the current series is worked out on first use
/// and kept, since a snapshot is read (progress, alignment, dashboards) far more often than written.
/// </summary>
internal sealed class MeasureHistory(ImmutableSortedDictionary<Period, ImmutableArray<ObservationRevision>> periods)
{
    private ImmutableArray<SeriesPoint> _current;

    public static MeasureHistory Empty { get; } = new(ImmutableSortedDictionary<Period, ImmutableArray<ObservationRevision>>.Empty);

    public ImmutableSortedDictionary<Period, ImmutableArray<ObservationRevision>> Periods { get; } = periods;

    public Period? Latest { get; } = periods.IsEmpty ? null : periods.Keys.Last();

    public ImmutableArray<SeriesPoint> Current
    {
        get
        {
            // Benign race: two readers may both build the same array; either result is correct.
            if (_current.IsDefault)
            {
                var series = ImmutableArray.CreateBuilder<SeriesPoint>(Periods.Count);
                foreach (var (period, revisions) in Periods)
                {
                    series.Add(new SeriesPoint(period, revisions[^1].Observation.Value));
                }

                _current = series.MoveToImmutable();
            }

            return _current;
        }
    }

    public MeasureHistory With(ObservationRevision revision, ImmutableArray<ObservationRevision> earlier) =>
        new(Periods.SetItem(revision.Observation.Period, earlier.Add(revision)));
}
