using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Observations;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// Checked observations of one measure, sent as one call and stored as one write. With
/// <paramref name="UpToFirstConflict"/> nothing after a conflicting observation is recorded, as a report
/// that is refused at an observation records none after it.
/// </summary>
[GenerateSerializer]
public sealed record MeasureBatch(MeasurePeriod Period, ImmutableArray<Observation> Observations, bool UpToFirstConflict = false)
{
    /// <summary>A batch of observations already checked against the programme (all of one measure).</summary>
    public static MeasureBatch Of(IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        new(observations.Count == 0 ? MeasurePeriod.Month : observations[0].Period.Kind.ToWire(), [.. observations.Select(o => o.ToContract())], upToFirstConflict);

    public IEnumerable<MeasureObservation> ToDomain() =>
        Observations.Select(o => MeasureObservation.FromStored(o, Period.ToDomain()));
}
