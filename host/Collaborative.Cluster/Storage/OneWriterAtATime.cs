using Orleans.Runtime;
using Orleans.Storage;

namespace Collaborative.Cluster.Storage;

/// <summary>
/// The embedded store's grain storage: SQLite takes one writer at a time, and Microsoft.Data.Sqlite answers a
/// writer that finds the file locked by sleeping 150 ms before it tries again (a blocked thread, too). Grains writing
/// side by side (a report over several measures) met that sleep on most writes: about 1,000 observations/s. Here
/// writes and clears wait their turn in this process without blocking a thread, so each finds the lock free and
/// costs one commit; reads go straight through (WAL: they never wait for a writer). Another process on the same
/// file (the CLI's embedded store) can still meet the lock, and the driver's retry still covers it.
/// </summary>
internal sealed class OneWriterAtATime(IGrainStorage inner) : IGrainStorage
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        InTurnAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        InTurnAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task InTurnAsync(Func<Task> write)
    {
        await _writer.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _writer.Release();
        }
    }
}
