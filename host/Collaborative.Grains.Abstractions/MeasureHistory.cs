using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Observations;

namespace Collaborative.Grains.Abstractions;

/// <summary>A measure's accepted observations in arrival order; <see cref="ToLedger"/> rebuilds the domain's ledger.</summary>
[GenerateSerializer]
public sealed record MeasureHistory(string MeasureId, MeasurePeriod Period, long Sequence, ImmutableArray<Observation> Observations)
{
    public ObservationLedger ToLedger() => ObservationLedger.From(ToDomain());

    /// <summary>The observations as the domain's, in arrival order.</summary>
    public IEnumerable<MeasureObservation> ToDomain() => Observations.Select(o => MeasureObservation.FromStored(o, Period.ToDomain()));
}
