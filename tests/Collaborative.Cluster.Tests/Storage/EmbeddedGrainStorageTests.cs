using Collaborative.Cluster.Tests.Grains;
using Collaborative.Cluster.Tests.Protos;
using Orleans.Storage;

namespace Collaborative.Cluster.Tests.Storage;

public sealed class EmbeddedGrainStorageTests
{
    [Fact]
    public async Task Record_ThenDeactivateAndRestart_StateIsReadBackFromSqlite()
    {
        using var data = new TemporaryDirectory();
        await using (var silo = await ClusterSilo.StartEmbeddedAsync(data.Path))
        {
            var ledger = silo.Grains.GetGrain<ILedgerGrain>("falls");
            await ledger.Record(new LedgerEntry { Note = "baseline", Amount = 12, Tags = { ["site"] = "airedale" } });
            await ledger.Deactivate();

            var afterDeactivation = await ledger.Record(new LedgerEntry { Note = "month 1", Amount = 9 });
            Assert.Equal(21, afterDeactivation.Total);
        }

        Assert.True(File.Exists(Path.Combine(data.Path, SiloBuilderExtensions.SqliteFileName)));
        await using (var restarted = await ClusterSilo.StartEmbeddedAsync(data.Path))
        {
            var state = await restarted.Grains.GetGrain<ILedgerGrain>("falls").Read();
            Assert.Equal(["baseline", "month 1"], state.Entries.Select(e => e.Note));
            Assert.Equal("airedale", state.Entries[0].Tags["site"]);
            Assert.Equal(21, state.Total);
        }
    }

    [Fact]
    public async Task Write_WithAStaleETag_ThrowsInconsistentState()
    {
        using var data = new TemporaryDirectory();
        await using var silo = await ClusterSilo.StartEmbeddedAsync(data.Path);
        await StorageConflict.AssertSecondWriterConflictsAsync(silo.DefaultStorage);
    }

    [Fact]
    public async Task Clear_KeepsVersionGrowing_AndAStaleClearConflicts()
    {
        using var data = new TemporaryDirectory();
        await using var silo = await ClusterSilo.StartEmbeddedAsync(data.Path);
        await StorageConflict.AssertClearBehavesAsync(silo.DefaultStorage);
    }

    [Fact]
    public async Task TwoFirstWriters_OnlyOneInserts()
    {
        using var data = new TemporaryDirectory();
        await using var silo = await ClusterSilo.StartEmbeddedAsync(data.Path);
        await StorageConflict.AssertSecondFirstWriterConflictsAsync(silo.DefaultStorage);
    }
}
