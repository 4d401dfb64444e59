using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;
using Collaborative.Tests.PostgreSql;
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
    public async Task HostsOwnWrites_ThroughTwoStorages_DoNotDropItsActivation()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var silo = await TestSilo.StartAsync(storage: grains => grains
            .AddPostgresGrainStorage("Default", server.ConnectionString)
            .AddPostgresGrainStorage("notes", server.ConnectionString));
        var note = silo.Factory.GetGrain<INoteGrain>(key);

        for (var i = 0; i < 5; i++)
        {
            await note.Write($"note {i}");
            await note.Increment();
        }

        await Task.Delay(500); // notifications arrive within milliseconds; give them time to do harm
        Assert.Equal(5, await note.Increment() - 1);
        Assert.Equal(1, silo.Probe.Count($"note-activations:{key}"));
    }

    [Fact]
    public async Task ConflictingWrite_IsRetriedWithFreshState_AndNoIncrementIsLost()
    {
        var key = Guid.NewGuid().ToString("N");

        // Two hosts hammering one grain is the worst case: the default bound (3) can run out, and then the caller
        // sees the InconsistentStateException (the bound doing its job). A larger bound makes every call succeed.
        static void Patient(GrainRuntimeOptions o) => o.InconsistentStateRetries = 10;
        await using var first = await TestSilo.StartAsync(Patient, storage: Postgres);
        await using var second = await TestSilo.StartAsync(Patient, storage: Postgres);
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
