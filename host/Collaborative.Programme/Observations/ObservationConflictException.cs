namespace Collaborative.Programme.Observations;

/// <summary>An observation id was re-used for different content; ids must identify one report.</summary>
public sealed class ObservationConflictException(string observationId, MeasureObservation recorded, MeasureObservation offered)
    : Exception($"Observation id '{observationId}' was already recorded with different content " +
        $"(measure '{recorded.MeasureId}', period {recorded.Period.Label}, value {recorded.Value}); " +
        $"now offered with measure '{offered.MeasureId}', period {offered.Period.Label}, value {offered.Value}. " +
        "A correction needs a new id.")
{
    public string ObservationId { get; } = observationId;

    public MeasureObservation Recorded { get; } = recorded;

    public MeasureObservation Offered { get; } = offered;
}
