namespace Collaborative.Grains;

/// <summary>Why an activation is being deactivated (Orleans' codes, the subset this runtime produces).</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The host is shutting down.</summary>
    ShuttingDown,

    /// <summary>The activation was idle for longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>A call failed in a way that makes the in-memory state suspect (a stale ETag on write).</summary>
    ApplicationError,

    /// <summary>The runtime decided, e.g. because another host changed the grain's stored state.</summary>
    RuntimeRequested,
}
