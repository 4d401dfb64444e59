using Collaborative.Grains.Storage;
using Collaborative.Grains.Storage.Memory;
using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grains.Tests.Storage;

public sealed class StateSchemaTests
{
    private static readonly GrainId Note = new("NoteGrain", "n");

    [Fact]
    public async Task OlderCode_ReadingAndWritingNewerState_KeepsTheFieldsItDoesNotKnow()
    {
        var storage = new MemoryGrainStorage();
        var current = new PersistentState<NoteState>(Note, "note", storage);
        current.State.Text = "draft";
        current.State.History.Add("draft");
        await current.WriteStateAsync();

        var older = new PersistentState<NoteStateV1>(Note, "note", storage); // a host still running the old version
        await older.ReadStateAsync();
        Assert.Equal("draft", older.State.Text);
        older.State.Text = "final";
        await older.WriteStateAsync();

        var reread = new PersistentState<NoteState>(Note, "note", storage);
        await reread.ReadStateAsync();
        Assert.Equal("final", reread.State.Text);
        Assert.Equal(["draft"], reread.State.History); // field 2 survived the old writer
    }

    [Fact]
    public async Task NewerCode_ReadingOlderState_SeesDefaultsForNewFields()
    {
        var storage = new MemoryGrainStorage();
        await storage.WriteAsync(Note, "note", new NoteStateV1 { Text = "old" }.ToByteArray(), null, default);

        var current = new PersistentState<NoteState>(Note, "note", storage);
        await current.ReadStateAsync();

        Assert.True(current.RecordExists);
        Assert.Equal("old", current.State.Text);
        Assert.Empty(current.State.History);
    }

    [Fact]
    public async Task ConflictFromAStoreThatDoesNotNameTheGrain_IsAttributedToTheGrain()
    {
        var state = new PersistentState<NoteState>(Note, "note", new AnonymousConflictStorage());

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => state.WriteStateAsync());

        Assert.Equal(Note, error.GrainId);
        Assert.Equal("9", error.StoredEtag);
    }

    [Fact]
    public async Task ReadStateAsync_InGrainCode_PicksUpAChangeMadeElsewhere_AndTheNextWriteSucceeds()
    {
        await using var silo = await TestSilo.StartAsync(o => o.InconsistentStateRetries = 0);
        var counter = silo.Factory.GetGrain<ICounterGrain>("reload");
        Assert.Equal(1, await counter.Increment());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteAsync(counter.GetGrainId(), "counter", new CounterState { Count = 7 }.ToByteArray(), "1", default);

        Assert.Equal(7, await counter.Reload());
        Assert.Equal(8, await counter.Increment()); // the re-read ETag is current: no conflict
        Assert.Equal(1, silo.Probe.Count("counter-activations:reload"));
    }

    private sealed class AnonymousConflictStorage : IGrainStorage
    {
        public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
            Task.FromResult<GrainStateRecord?>(null);

        public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken) =>
            throw new InconsistentStateException("someone else wrote", "9", etag);

        public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken) =>
            throw new InconsistentStateException("someone else wrote", "9", etag);
    }
}
