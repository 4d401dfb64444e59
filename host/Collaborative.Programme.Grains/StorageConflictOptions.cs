namespace Collaborative.Programme.Grains;

/// <summary>
/// How a grain retries a write that storage refused as stale (<see cref="Orleans.Storage.InconsistentStateException"/>:
/// another activation wrote first, as during a host's failover). Section "Collaborative:Grains:StorageConflicts".
/// </summary>
public sealed class StorageConflictOptions
{
    public const string Section = "Collaborative:Grains:StorageConflicts";

    /// <summary>Retries after the first refused write, each after re-reading the state. Default 3; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay, doubled each time, with jitter. Default 10 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(10);
}
