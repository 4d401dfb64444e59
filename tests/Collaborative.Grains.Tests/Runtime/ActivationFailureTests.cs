using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class ActivationFailureTests
{
    [Fact]
    public async Task OnActivateFailure_ReachesTheCaller_AndTheNextCallActivatesAgain()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Probe.Increment("activate-fails:k"); // the first activation fails
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("k");

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => grain.Ping());

        Assert.Equal("activation 1 failed", error.Message);
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(2, await grain.Ping());
    }

    [Fact]
    public async Task ConstructorFailure_ReachesTheCaller_AndTheNextCallActivatesAgain()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Probe.Increment("ctor-fails:c");
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("c");

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => grain.Ping());

        Assert.Equal("constructor failed", error.Message);
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task EveryCallWaitingOnAFailedActivation_Fails_AndNothingIsLeftStuck()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
        silo.Probe.Increment("activate-fails:w");
        _ = silo.Probe.Gate("activate-gate:w"); // the activation waits until every call is queued on it
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("w");

        var calls = Enumerable.Range(0, 10).Select(_ => grain.Ping()).ToArray();
        silo.Probe.Open("activate-gate:w");
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<GrainFailureException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(2, await grain.Ping().WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
