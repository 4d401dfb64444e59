using System.Diagnostics;
using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class CallChainTests
{
    [Fact]
    public async Task CallCycle_FailsFast_WithTheChainInTheMessage()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
        var a = silo.Factory.GetGrain<IRelayGrain>("a");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.Forward(["b", "a"], 0));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: the cycle waited instead of failing fast");
        Assert.Equal(["RelayGrain/a", "RelayGrain/b", "RelayGrain/a"], error.CallChain);
        Assert.Contains("RelayGrain/a -> RelayGrain/b -> RelayGrain/a", error.Message);

        // Nothing is left stuck: both grains answer afterwards.
        Assert.Equal("a>b", await a.Forward(["b"], 0));
    }

    [Fact]
    public async Task CallToItself_FailsFast()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<DeadlockException>(() => silo.Factory.GetGrain<IRelayGrain>("self").Forward(["self"], 0))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["RelayGrain/self", "RelayGrain/self"], error.CallChain);
    }

    [Fact]
    public async Task LongChainWithoutACycle_Completes()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal("a>b>c>d>e", await silo.Factory.GetGrain<IRelayGrain>("a").Forward(["b", "c", "d", "e"], 0));
    }

    [Fact]
    public async Task CycleThroughAReentrantGrain_IsAllowed()
    {
        await using var silo = await TestSilo.StartAsync();

        var path = await silo.Factory.GetGrain<IReentrantRelayGrain>("a").Forward(["b", "a"], 0).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("a>b>a", path);
    }

    [Fact]
    public async Task CycleThroughAnAlwaysInterleaveMethod_IsAllowed()
    {
        await using var silo = await TestSilo.StartAsync();

        var path = await silo.Factory.GetGrain<IRelayGrain>("a").ForwardInterleaved(["b", "a"], 0).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("a>b>a", path);
    }
}
