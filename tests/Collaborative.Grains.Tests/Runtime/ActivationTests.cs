using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class ActivationTests
{
    [Fact]
    public async Task FirstCall_ActivatesTheGrain_OnceForAllReferencesToTheKey()
    {
        await using var silo = await TestSilo.StartAsync();
        var first = silo.Factory.GetGrain<ILifecycleGrain>("a");
        var second = silo.Factory.GetGrain<ILifecycleGrain>("a");
        Assert.Equal(0, silo.Probe.Count("activations:a")); // a reference alone activates nothing

        var generations = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? first : second).Ping()));

        Assert.All(generations, g => Assert.Equal(1, g));
        Assert.Equal(1, silo.Probe.Count("activations:a"));
        Assert.Equal(1, await silo.Factory.GetGrain<ILifecycleGrain>("b").Ping());
        Assert.Equal(1, silo.Probe.Count("activations:b"));
        Assert.Equal(2, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task GetPrimaryKeyString_IsTheKey_InsideTheGrainAndOnItsReference()
    {
        await using var silo = await TestSilo.StartAsync();
        var relay = silo.Factory.GetGrain<IRelayGrain>("partner-42");

        Assert.Equal("partner-42", await relay.Forward([], 0));
        Assert.Equal("partner-42", relay.GetPrimaryKeyString());
        Assert.Equal(new GrainId("RelayGrain", "partner-42"), relay.GetGrainId());
        Assert.Equal(relay, silo.Factory.GetGrain<IRelayGrain>("partner-42"));
    }

    [Fact]
    public async Task GetGrain_ForAnUnregisteredInterface_NamesTheInterface()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IUnregisteredGrain>("x"));

        Assert.Contains("No grain class implements IUnregisteredGrain", error.Message);
    }

    [Fact]
    public async Task Grain_ConstructedOutsideTheRuntime_IsRejected()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => new RelayGrain());

        Assert.Contains("IGrainFactory.GetGrain", error.Message);
    }

    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task Nothing();
    }
}
