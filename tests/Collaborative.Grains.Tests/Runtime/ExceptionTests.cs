using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class ExceptionTests
{
    [Fact]
    public async Task ExceptionThrownSynchronously_ReachesTheCallerUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<IFaultyGrain>("sync");
        await grain.AddAsValueTask(0, 0); // activated, so this call runs inline

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => grain.ThrowSynchronously("sync-1"));

        Assert.Same(FaultyGrain.Thrown["sync-1"], error);
    }

    [Fact]
    public async Task ExceptionThrownAfterAnAwait_ReachesTheCallerUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => silo.Factory.GetGrain<IFaultyGrain>("async").ThrowAfterAwait("async-1"));

        Assert.Same(FaultyGrain.Thrown["async-1"], error);
    }

    [Fact]
    public async Task ExceptionInAQueuedCall_ReachesTheCallerUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<IFaultyGrain>("queued");

        var holding = grain.Hang("q");
        var queued = grain.ThrowAfterAwait("queued-1");
        silo.Probe.Open("q");
        await holding;

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => queued);
        Assert.Same(FaultyGrain.Thrown["queued-1"], error);
        Assert.Equal(3, await grain.AddAsValueTask(1, 2)); // the grain is still fine
    }
}
