using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grains.Tests.Storage;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task State_IsReadBeforeActivation_AndSurvivesDeactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Factory.GetGrain<ICounterGrain>("kept");
        for (var i = 0; i < 3; i++)
        {
            await counter.Increment();
        }

        silo.Runtime.InvalidateActivation(counter.GetGrainId(), "test");
        await silo.Probe.WaitUntil(() => silo.Runtime.ActivationCount == 0, "deactivation");

        Assert.Equal(3, await counter.Get());
        Assert.Equal("3", await counter.Etag());
        Assert.Equal(2, silo.Probe.Count("counter-activations:kept"));
    }

    [Fact]
    public async Task StaleEtag_ThrowsInconsistentState_AndTheNextCallSeesFreshState()
    {
        await using var silo = await TestSilo.StartAsync(o => o.InconsistentStateRetries = 0);
        var counter = silo.Factory.GetGrain<ICounterGrain>("stale");
        Assert.Equal(1, await counter.Increment());
        await WriteBehindTheGrainsBackAsync(silo, counter.GetGrainId(), count: 41, etag: "1");

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Increment());

        Assert.Equal(counter.GetGrainId(), error.GrainId);
        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal(41, await counter.Get()); // a new activation read the stored state
        Assert.Equal(2, silo.Probe.Count("counter-activations:stale"));
        Assert.Equal(42, await counter.Increment());
    }

    [Fact]
    public async Task StaleEtag_IsRetriedOnAFreshActivation_WhenRetriesAreOn()
    {
        await using var silo = await TestSilo.StartAsync(); // default: 3 retries
        var counter = silo.Factory.GetGrain<ICounterGrain>("retried");
        Assert.Equal(1, await counter.Increment());
        await WriteBehindTheGrainsBackAsync(silo, counter.GetGrainId(), count: 41, etag: "1");

        Assert.Equal(42, await counter.Increment());
        Assert.Equal(2, silo.Probe.Count("counter-activations:retried"));
    }

    [Fact]
    public async Task Clear_RemovesTheRecord_InANamedStorage()
    {
        await using var silo = await TestSilo.StartAsync();
        var note = silo.Factory.GetGrain<INoteGrain>("n");
        Assert.False(await note.Exists());

        await note.Write("first");
        Assert.True(await note.Exists());
        await note.Clear();

        Assert.False(await note.Exists());
        Assert.Equal("", await note.Read());
        var stored = await silo.Services.GetRequiredKeyedService<IGrainStorage>("notes").ReadAsync(note.GetGrainId(), "note", default);
        Assert.Null(stored!.Data);
        await note.Write("second");
        Assert.Equal("second", await note.Read());
        Assert.Null(await silo.Services.GetRequiredKeyedService<IGrainStorage>("Default").ReadAsync(note.GetGrainId(), "note", default));
    }

    private static async Task WriteBehindTheGrainsBackAsync(TestSilo silo, GrainId id, long count, string etag)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteAsync(id, "counter", new CounterState { Count = count }.ToByteArray(), etag, default);
    }
}
