namespace Collaborative.Programme.Observations;

/// <summary>The ledger after recording, what happened, and the revision that now holds the observation.</summary>
public sealed record RecordResult(ObservationLedger Ledger, RecordOutcome Outcome, ObservationRevision Revision);
