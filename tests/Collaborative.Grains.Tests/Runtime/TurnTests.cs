using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class TurnTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ConcurrentCallers_OnOneGrain_NeverOverlap_AndEachCallersOrderIsKept()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("s");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await grain.Record((caller * 1000) + i);
            }
        })));

        var recorded = await grain.Recorded();
        Assert.DoesNotContain("OVERLAP", silo.Probe.Events);
        Assert.Equal(320, recorded.Length);
        foreach (var caller in Enumerable.Range(0, 8))
        {
            var mine = recorded.Where(v => v / 1000 == caller).ToArray();
            Assert.Equal(Enumerable.Range(caller * 1000, 40), mine);
        }
    }

    [Fact]
    public async Task CallsIssuedWithoutAwaiting_RunInArrivalOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("order");
        await grain.Peek(); // activated, so the first call below takes the inline path

        var blocked = grain.Block("first"); // holds the grain: everything below queues
        var calls = Enumerable.Range(0, 200).Select(grain.Record).ToArray();
        silo.Probe.Open("first");
        await blocked;
        await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200), await grain.Recorded());
        Assert.DoesNotContain("OVERLAP", silo.Probe.Events);
    }

    [Fact]
    public async Task NonReentrantGrain_SecondCallWaits_ButAlwaysInterleaveMethodRuns()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("gate");

        var first = grain.Block("g");
        await silo.Probe.WaitUntil(() => silo.Probe.Events.Contains("block-start:g"), "first call started");
        var second = grain.Record(7);
        var peeked = await grain.Peek().WaitAsync(Patience); // [AlwaysInterleave]: runs while Block awaits

        await Task.Delay(100);
        Assert.False(second.IsCompleted, "a second call ran while the first was still in progress");
        Assert.Equal(0, peeked);

        silo.Probe.Open("g");
        await Task.WhenAll(first, second).WaitAsync(Patience);
        var recorded = await grain.Recorded();
        Assert.Equal([7], recorded);
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesCallsAtAwaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<IReentrantGrain>("r");

        var blocked = grain.Block("r");
        var ping = await grain.Ping().WaitAsync(Patience);

        Assert.Equal(1, ping);
        Assert.False(blocked.IsCompleted);
        silo.Probe.Open("r");
        await blocked.WaitAsync(Patience);
    }

    [Fact]
    public async Task ReentrantGrain_TurnsNeverRunInParallel()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<IReentrantGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => grain.BusyTurns(15)))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain("PARALLEL-TURNS", silo.Probe.Events);
    }

    [Fact]
    public async Task ReadOnlyCalls_InterleaveWithEachOther_ButNotWithOtherCalls()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("ro");

        var read1 = grain.ReadBlocked("r1");
        var read2 = grain.ReadBlocked("r2");
        await silo.Probe.WaitUntil(
            () => silo.Probe.Events.Contains("read-start:r1") && silo.Probe.Events.Contains("read-start:r2"),
            "two read-only calls in progress together");
        var write = grain.Record(1);
        var read3 = grain.ReadBlocked("r3"); // behind the write: arrival order holds for read-only calls too
        await Task.Delay(100);
        Assert.False(write.IsCompleted);
        Assert.DoesNotContain("read-start:r3", silo.Probe.Events);

        silo.Probe.Open("r1");
        silo.Probe.Open("r2");
        await write.WaitAsync(Patience);
        silo.Probe.Open("r3");
        await Task.WhenAll(read1, read2, read3).WaitAsync(Patience);

        var writeBlocked = grain.Block("w");
        var read4 = grain.ReadBlocked("r4");
        await Task.Delay(100);
        Assert.DoesNotContain("read-start:r4", silo.Probe.Events); // a read-only call never overlaps a write
        silo.Probe.Open("w");
        silo.Probe.Open("r4");
        await Task.WhenAll(writeBlocked, read4).WaitAsync(Patience);
    }

    [Fact]
    public async Task ValueTaskMethods_AnswerOnBothPaths()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<IFaultyGrain>("vt");

        Assert.Equal(5, await grain.AddAsValueTask(2, 3));
        Assert.Equal(9, await grain.AddLater(4, 5));
        await grain.NothingLater();
        var many = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.AddLater(i, 1).AsTask()));
        Assert.Equal(Enumerable.Range(1, 20), many);
    }
}
