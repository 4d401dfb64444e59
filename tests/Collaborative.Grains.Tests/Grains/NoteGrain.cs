using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;

namespace Collaborative.Grains.Tests.Grains;

/// <summary>Two states in two storages, one of them named.</summary>
internal interface INoteGrain : IGrainWithStringKey
{
    Task Write(string text);

    Task<string> Read();

    Task<bool> Exists();

    Task Clear();

    Task<long> Increment();
}

internal sealed class NoteGrain(
    [PersistentState("note", "notes")] IPersistentState<NoteState> note,
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    GrainProbe probe) : Grain, INoteGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"note-activations:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public async Task Write(string text)
    {
        note.State.Text = text;
        note.State.History.Add(text);
        await note.WriteStateAsync();
    }

    public Task<string> Read() => Task.FromResult(note.State.Text);

    public Task<bool> Exists() => Task.FromResult(note.RecordExists);

    public Task Clear() => note.ClearStateAsync();

    public async Task<long> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }
}
