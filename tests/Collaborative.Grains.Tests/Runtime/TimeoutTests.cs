using System.Diagnostics;
using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class TimeoutTests
{
    [Fact]
    public async Task CallWithoutAnswer_TimesOut_NamingGrainAndMethod()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = silo.Factory.GetGrain<IFaultyGrain>("hang");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.Hang("never"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Contains("IFaultyGrain.Hang", error.Message);
        Assert.Contains("FaultyGrain/hang", error.Message);
        silo.Probe.Open("never"); // let the grain finish so shutdown drains quickly
    }

    [Fact]
    public async Task CallQueuedBehindAHungCall_TimesOut_AndTheGrainRecovers()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = silo.Factory.GetGrain<IFaultyGrain>("stuck");

        var hung = grain.Hang("h");
        var queued = grain.AddAsValueTask(1, 2).AsTask();

        await Assert.ThrowsAsync<TimeoutException>(() => hung);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        silo.Probe.Open("h");
        Assert.Equal(7, await grain.AddAsValueTask(3, 4));
    }
}
