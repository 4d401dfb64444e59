using Collaborative.Cluster.Tests.Protos;
using Orleans.Storage;

namespace Collaborative.Cluster.Tests.Storage;

/// <summary>
/// The ETag contract of our SQL, driven through Orleans' own ADO.NET provider: two writers that read the same
/// version, as two activations of one grain on two hosts would. Shared by the SQLite and PostgreSQL tests.
/// </summary>
internal static class StorageConflict
{
    private const string StateName = "ledger";

    public static async Task AssertSecondWriterConflictsAsync(IGrainStorage storage)
    {
        var id = NewGrainId();
        var first = new GrainState<LedgerState>(new LedgerState { Total = 1 });
        await storage.WriteStateAsync(StateName, id, first);

        var writerA = await ReadAsync(storage, id);
        var writerB = await ReadAsync(storage, id);
        Assert.Equal(first.ETag, writerA.ETag);

        writerA.State!.Total = 2;
        await storage.WriteStateAsync(StateName, id, writerA);
        writerB.State!.Total = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, writerB));

        var stored = await ReadAsync(storage, id);
        Assert.Equal(2, stored.State!.Total);
        Assert.Equal(writerA.ETag, stored.ETag);
    }

    public static async Task AssertSecondFirstWriterConflictsAsync(IGrainStorage storage)
    {
        var id = NewGrainId();
        var writerA = await ReadAsync(storage, id);
        var writerB = await ReadAsync(storage, id);
        Assert.False(writerA.RecordExists);

        writerA.State!.Total = 5;
        await storage.WriteStateAsync(StateName, id, writerA);
        writerB.State!.Total = 6;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, writerB));
        Assert.Equal(5, (await ReadAsync(storage, id)).State!.Total);
    }

    public static async Task AssertClearBehavesAsync(IGrainStorage storage)
    {
        var id = NewGrainId();
        var state = new GrainState<LedgerState>(new LedgerState { Total = 7 });
        await storage.WriteStateAsync(StateName, id, state);
        var stale = await ReadAsync(storage, id);
        var written = state.ETag;

        await storage.ClearStateAsync(StateName, id, state);
        Assert.NotEqual(written, state.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, stale));

        var cleared = await ReadAsync(storage, id);
        Assert.Equal(0, cleared.State!.Total);
        Assert.Equal(state.ETag, cleared.ETag);

        // Writing again after a clear continues from the cleared row's version.
        cleared.State!.Total = 8;
        await storage.WriteStateAsync(StateName, id, cleared);
        Assert.Equal(8, (await ReadAsync(storage, id)).State!.Total);
    }

    private static GrainId NewGrainId() => GrainId.Create("ledger", Guid.NewGuid().ToString("N"));

    private static async Task<GrainState<LedgerState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<LedgerState>(new LedgerState());
        await storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}
