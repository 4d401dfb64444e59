using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

/// <summary>Idle ages are measured on a <see cref="ManualClock"/>, so the outcome does not depend on machine load;
/// only the collector's quantum is real time.</summary>
public sealed class CollectionTests
{
    private static readonly TimeSpan Age = TimeSpan.FromMinutes(15);

    private static void FastCollector(GrainRuntimeOptions options) => options.CollectionQuantum = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task IdleActivation_IsCollected_WithOnDeactivate_AndTheNextCallReactivates()
    {
        var clock = new ManualClock();
        await using var silo = await TestSilo.StartAsync(FastCollector, clock: clock);
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("idle");
        Assert.Equal(1, await grain.Ping());

        clock.Advance(Age); // the default collection age

        await silo.Probe.WaitUntil(() => silo.Probe.Events.Contains("deactivated:idle:1:ActivationIdle"), "idle collection");
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(2, await grain.Ping());
    }

    [Fact]
    public async Task ActivationInUse_IsNotCollected()
    {
        var clock = new ManualClock();
        await using var silo = await TestSilo.StartAsync(FastCollector, clock: clock);
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("busy");

        for (var i = 0; i < 5; i++) // each call restarts the age: 5 × 14 min is far past 15 min in all
        {
            Assert.Equal(1, await grain.Ping());
            clock.Advance(TimeSpan.FromMinutes(14));
            await Task.Delay(100); // several collector rounds
        }

        var holding = grain.Hold("long"); // a call in progress is never idle, however long it takes
        await silo.Probe.WaitUntil(() => silo.Probe.Events.Contains("hold-start:busy"), "call in progress");
        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);
        silo.Probe.Open("long");
        await holding;

        Assert.DoesNotContain(silo.Probe.Events, e => e.StartsWith("deactivated:busy", StringComparison.Ordinal));
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheCurrentCall()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("asked");
        await grain.DeactivateAfterThisCall();

        await silo.Probe.WaitUntil(() => silo.Probe.Events.Contains("deactivated:asked:1:ApplicationRequested"), "deactivation");

        Assert.Equal(2, await grain.Ping());
    }

    [Fact]
    public async Task CallsQueuedBehindADeactivation_GoToTheNextActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ILifecycleGrain>("handover");

        var first = grain.DeactivateAfterThisCall();
        var queued = Enumerable.Range(0, 10).Select(_ => grain.Ping()).ToArray();
        await first;

        var generations = await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(generations, g => Assert.Equal(2, g));
    }
}
