using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class TimerTests
{
    [Fact]
    public async Task Timer_TicksAsTurnsOfTheGrain_AndStopsWhenTheGrainDeactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ITickerGrain>("t");

        await grain.Start(TimeSpan.FromMilliseconds(30));
        await silo.Probe.WaitUntil(() => silo.Probe.Count("ticks:t") >= 3, "three ticks");
        await grain.Deactivate();
        await silo.Probe.WaitUntil(() => silo.Runtime.ActivationCount == 0, "deactivation");
        var ticks = silo.Probe.Count("ticks:t");
        await Task.Delay(300);

        Assert.Equal(ticks, silo.Probe.Count("ticks:t"));
        Assert.DoesNotContain("TICK-OUTSIDE-TURN", silo.Probe.Events);
    }

    [Fact]
    public async Task TimerTick_WaitsForTheCallInProgress()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ITickerGrain>("held");
        await grain.Start(TimeSpan.FromMilliseconds(20));
        await silo.Probe.WaitUntil(() => silo.Probe.Count("ticks:held") >= 1, "first tick");

        var holding = grain.Hold("h");
        await silo.Probe.WaitUntil(() => silo.Probe.Events.Contains("hold-start:held"), "call in progress");
        var ticksDuringCall = silo.Probe.Count("ticks:held");
        await Task.Delay(250);
        Assert.Equal(ticksDuringCall, silo.Probe.Count("ticks:held"));

        silo.Probe.Open("h");
        await holding;
        await silo.Probe.WaitUntil(() => silo.Probe.Count("ticks:held") > ticksDuringCall, "ticks resume after the call");
        Assert.DoesNotContain("TICK-DURING-CALL", silo.Probe.Events);
    }

    [Fact]
    public async Task TimerTicks_DoNotKeepAnIdleActivationAlive()
    {
        var clock = new ManualClock();
        await using var silo = await TestSilo.StartAsync(o => o.CollectionQuantum = TimeSpan.FromMilliseconds(20), clock: clock);
        var grain = silo.Factory.GetGrain<ITickerGrain>("idle");
        await grain.Start(TimeSpan.FromMilliseconds(20));
        await silo.Probe.WaitUntil(() => silo.Probe.Count("ticks:idle") >= 3, "ticks");

        clock.Advance(TimeSpan.FromMinutes(15));

        await silo.Probe.WaitUntil(() => silo.Runtime.ActivationCount == 0, "idle collection despite ticks");
    }

    [Fact]
    public async Task DisposedTimer_StopsTicking()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ITickerGrain>("stop");
        await grain.Start(TimeSpan.FromMilliseconds(20));
        await silo.Probe.WaitUntil(() => silo.Probe.Count("ticks:stop") >= 2, "ticks");

        await grain.StopTicking();
        var ticks = silo.Probe.Count("ticks:stop");
        await Task.Delay(200);

        Assert.Equal(ticks, silo.Probe.Count("ticks:stop"));
    }
}
