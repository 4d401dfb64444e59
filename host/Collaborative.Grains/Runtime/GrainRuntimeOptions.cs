namespace Collaborative.Grains;

/// <summary>Runtime settings, bound from the <c>Grains</c> configuration section.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Longest a caller waits for a grain call's answer before a <see cref="TimeoutException"/>. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle this long is deactivated. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest <see cref="Grain.OnDeactivateAsync"/> may run before the runtime moves on. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a call that failed with its grain's own <see cref="InconsistentStateException"/> is retried on
    /// a fresh activation (fresh state). 0 disables retrying; the caller then sees the exception. Default 3.</summary>
    public int InconsistentStateRetries { get; set; } = 3;

    /// <summary>Base delay before the first such retry; later retries back off exponentially, with jitter. Default 10 ms.</summary>
    public TimeSpan InconsistentStateRetryDelay { get; set; } = TimeSpan.FromMilliseconds(10);
}
