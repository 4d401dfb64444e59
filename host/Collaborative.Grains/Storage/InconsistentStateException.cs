namespace Collaborative.Grains;

/// <summary>
/// The stored record's ETag differs from the one the grain holds: someone else wrote it. The runtime deactivates the
/// grain, so the next call reads fresh state, and (see <see cref="GrainRuntimeOptions.InconsistentStateRetries"/>)
/// retries the call on the fresh activation.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="storedEtag">The ETag in storage now (null if no record).</param>
    /// <param name="currentEtag">The ETag the grain presented.</param>
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag in storage now; null if there is no record.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the grain presented.</summary>
    public string? CurrentEtag { get; }

    /// <summary>The grain whose write conflicted; the runtime deactivates only that grain.</summary>
    public GrainId? GrainId { get; init; }
}
