using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grains.Tests.PostgreSql;

/// <summary>Two runtimes on one database, in one process: the NOTIFY path and conflict retries, observed closely.
/// (The multi-process tests prove the same end to end.)</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedDatabaseTests(PostgresServer server)
{
    private Action<GrainsBuilder> Postgres => grains => grains.AddPostgresGrainStorage("Default", server.ConnectionString).AddMemoryGrainStorage("notes");

    [Fact]
    public async Task WriteOnOneHost_MakesTheOtherHostDropItsStaleActivation()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var first = await TestSilo.StartAsync(storage: Postgres);
        await using var second = await TestSilo.StartAsync(storage: Postgres);
        Assert.Equal(1, await first.Factory.GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal(1, await second.Factory.GetGrain<ICounterGrain>(key).Get()); // second host now holds count 1

        Assert.Equal(2, await first.Factory.GetGrain<ICounterGrain>(key).Increment());

        // Without the notification the second host would answer 1 from memory until it next wrote.
        await second.Probe.WaitUntil(() => second.Probe.Count($"counter-activations:{key}") == 2 || second.Runtime.ActivationCount == 0, "stale activation dropped");
        Assert.Equal(2, await second.Factory.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public async Task ConflictingWrite_IsRetriedWithFreshState_AndNoIncrementIsLost()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var first = await TestSilo.StartAsync(storage: Postgres);
        await using var second = await TestSilo.StartAsync(storage: Postgres);
        var counters = new[] { first.Factory.GetGrain<ICounterGrain>(key), second.Factory.GetGrain<ICounterGrain>(key) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(host => Task.Run(async () =>
        {
            var seen = new List<long>();
            for (var i = 0; i < 40; i++)
            {
                seen.Add(await counters[host].Increment());
            }

            return seen;
        })));

        Assert.Equal(80, await counters[0].Get());
        Assert.Equal(Enumerable.Range(1, 80).Select(n => (long)n), answers.SelectMany(a => a).Order()); // every answer distinct
    }

    [Fact]
    public async Task StaleEtag_WithRetriesOff_ReachesTheCaller_AndTheNextCallSeesFreshState()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var silo = await TestSilo.StartAsync(o => o.InconsistentStateRetries = 0, storage: Postgres);
        var counter = silo.Factory.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await counter.Increment());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteAsync(counter.GetGrainId(), "counter", new CounterState { Count = 10 }.ToByteArray(), "1", default);

        // The write above came from this host, so no notification drops the activation: the CAS must catch it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Increment());
        Assert.Equal(10, await counter.Get());
    }
}
