using Collaborative.Grains.Tests.Infrastructure;
using Collaborative.Grains.Tests.Protos;

namespace Collaborative.Grains.Tests.Grains;

internal interface ICounterGrain : IGrainWithStringKey
{
    Task<long> Increment();

    /// <summary>Idempotent per (worker, sequence): the multi-host tests retry without double counting.</summary>
    Task<long> Apply(string worker, long sequence);

    [ReadOnly]
    Task<long> Get();

    [ReadOnly]
    Task<CounterState> Snapshot();

    [ReadOnly]
    Task<string?> Etag();

    Task Clear();

    Task<long> Reload();
}

internal sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, GrainProbe probe) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"counter-activations:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public async Task<long> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public async Task<long> Apply(string worker, long sequence)
    {
        if (state.State.Applied.TryGetValue(worker, out var last) && last >= sequence)
        {
            return state.State.Count;
        }

        state.State.Count++;
        state.State.Applied[worker] = sequence;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<long> Get() => Task.FromResult(state.State.Count);

    public Task<CounterState> Snapshot() => Task.FromResult(state.State.Clone());

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task Clear() => state.ClearStateAsync();

    public async Task<long> Reload()
    {
        await state.ReadStateAsync();
        return state.State.Count;
    }
}
