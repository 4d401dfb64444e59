namespace Collaborative.Programme.Observations;

/// <summary>
/// One recorded value of a (measure, period): <see cref="Revision"/> counts from 1 for that period;
/// <see cref="Sequence"/> is the ledger-wide arrival order.
/// </summary>
public sealed record ObservationRevision(MeasureObservation Observation, int Revision, long Sequence);
