using System.Text;

namespace Collaborative.Grains.Tests.Storage;

/// <summary>The compare-and-set rules every storage keeps; each store's test class runs these against it.</summary>
public abstract class GrainStorageContract
{
    protected abstract IGrainStorage Storage { get; }

    private static GrainId NewGrain() => new("contract", Guid.NewGuid().ToString("N"));

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Read_OfANeverWrittenRecord_IsNull()
    {
        Assert.Null(await Storage.ReadAsync(NewGrain(), "s", default));
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheDataAndANewEtag()
    {
        var grain = NewGrain();

        var first = await Storage.WriteAsync(grain, "s", Bytes("one"), null, default);
        var second = await Storage.WriteAsync(grain, "s", Bytes("two"), first, default);
        var record = await Storage.ReadAsync(grain, "s", default);

        Assert.NotEqual(first, second);
        Assert.Equal("two", Encoding.UTF8.GetString(record!.Data!));
        Assert.Equal(second, record.Etag);
        Assert.Null(await Storage.ReadAsync(grain, "other", default)); // states of one grain are separate
    }

    [Fact]
    public async Task Write_WithAStaleEtag_ThrowsAndChangesNothing()
    {
        var grain = NewGrain();
        var first = await Storage.WriteAsync(grain, "s", Bytes("one"), null, default);
        var second = await Storage.WriteAsync(grain, "s", Bytes("two"), first, default);

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(grain, "s", Bytes("lost"), first, default));
        var creating = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(grain, "s", Bytes("lost"), null, default));

        Assert.Equal(second, stale.StoredEtag);
        Assert.Equal(first, stale.CurrentEtag);
        Assert.Equal(grain, stale.GrainId);
        Assert.Equal(second, creating.StoredEtag);
        Assert.Equal("two", Encoding.UTF8.GetString((await Storage.ReadAsync(grain, "s", default))!.Data!));
    }

    [Fact]
    public async Task Clear_LeavesATombstone_SoAnOldEtagNeverMatchesAgain()
    {
        var grain = NewGrain();
        var written = await Storage.WriteAsync(grain, "s", Bytes("one"), null, default);

        var cleared = await Storage.ClearAsync(grain, "s", written, default);
        var record = await Storage.ReadAsync(grain, "s", default);

        Assert.NotNull(cleared);
        Assert.Null(record!.Data);
        Assert.Equal(cleared, record.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(grain, "s", Bytes("x"), written, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(grain, "s", Bytes("x"), null, default));
        var rewritten = await Storage.WriteAsync(grain, "s", Bytes("again"), cleared, default);
        Assert.Equal("again", Encoding.UTF8.GetString((await Storage.ReadAsync(grain, "s", default))!.Data!));
        Assert.NotEqual(written, rewritten);
    }

    [Fact]
    public async Task Clear_OfANeverWrittenRecord_DoesNothing_ButAStaleClearThrows()
    {
        var grain = NewGrain();
        Assert.Null(await Storage.ClearAsync(grain, "s", null, default));

        var written = await Storage.WriteAsync(grain, "s", Bytes("one"), null, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(grain, "s", null, default));
        Assert.NotNull((await Storage.ReadAsync(grain, "s", default))!.Data);
        Assert.NotNull(written);
    }

    [Fact]
    public async Task ConcurrentWriters_WithTheSameEtag_ExactlyOneWins()
    {
        var grain = NewGrain();
        var start = await Storage.WriteAsync(grain, "s", Bytes("start"), null, default);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Storage.WriteAsync(grain, "s", Bytes($"writer {i}"), start, default);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, attempts.Count(won => won));
    }
}
