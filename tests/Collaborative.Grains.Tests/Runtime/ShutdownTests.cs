using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Runtime;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_DrainsCallsInFlight_ThenDeactivatesEveryActivation()
    {
        var silo = await TestSilo.StartAsync();
        await using var _ = silo;
        var grains = Enumerable.Range(0, 3).Select(i => silo.Factory.GetGrain<ILifecycleGrain>($"g{i}")).ToArray();
        var holding = grains.Select(g => g.Hold("release")).ToArray();
        await silo.Probe.WaitUntil(() => silo.Probe.Events.Count(e => e.StartsWith("hold-start", StringComparison.Ordinal)) == 3, "calls in flight");
        var queued = grains.Select(g => g.Ping()).ToArray();

        var stopping = silo.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "shutdown finished while calls were still in flight");

        silo.Probe.Open("release");
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.WhenAll(holding); // in-flight calls completed normally
        Assert.All(await Task.WhenAll(queued), g => Assert.Equal(1, g)); // and so did the ones queued behind them
        foreach (var i in Enumerable.Range(0, 3))
        {
            Assert.Contains($"deactivated:g{i}:1:ShuttingDown", silo.Probe.Events);
        }

        var late = await Assert.ThrowsAsync<InvalidOperationException>(() => grains[0].Ping());
        Assert.Contains("shutting down", late.Message);
    }

    [Fact]
    public async Task Shutdown_WhileWriting_LosesNoAcknowledgedWrite()
    {
        using var directory = new TempDirectory();
        var database = $"Data Source={Path.Combine(directory.Path, "grains.db")}";
        void Sqlite(GrainsBuilder grains) => grains.AddSqliteGrainStorage("Default", database).AddMemoryGrainStorage("notes");
        var acknowledged = new long[5];

        var silo = await TestSilo.StartAsync(storage: Sqlite);
        await using (silo)
        {
            var writers = Enumerable.Range(0, 10).Select(w => Task.Run(async () =>
            {
                var counter = w % 5;
                var grain = silo.Factory.GetGrain<ICounterGrain>($"c{counter}");
                while (true)
                {
                    try
                    {
                        await grain.Increment();
                        Interlocked.Increment(ref acknowledged[counter]);
                    }
                    catch (InvalidOperationException)
                    {
                        return; // shutting down: this increment was never acknowledged
                    }
                }
            })).ToArray();

            await silo.Probe.WaitUntil(() => acknowledged.Sum() >= 100, "writes under way");
            await silo.StopAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using var restarted = await TestSilo.StartAsync(storage: Sqlite);
        for (var counter = 0; counter < 5; counter++)
        {
            Assert.Equal(acknowledged[counter], await restarted.Factory.GetGrain<ICounterGrain>($"c{counter}").Get());
        }
    }
}
