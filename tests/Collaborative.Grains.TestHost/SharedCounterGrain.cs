using Collaborative.Grains.Tests.Protos;

namespace Collaborative.Grains.TestHost;

internal interface ISharedCounterGrain : IGrainWithStringKey
{
    /// <summary>Applies increment number <paramref name="sequence"/> of <paramref name="worker"/> once, however often it is retried.</summary>
    Task<long> Apply(string worker, long sequence);
}

[GrainType(SharedCounterGrain.GrainTypeName)]
internal sealed class SharedCounterGrain([PersistentState(SharedCounterGrain.StateName)] IPersistentState<CounterState> state) : Grain, ISharedCounterGrain
{
    public const string GrainTypeName = "shared-counter";
    public const string StateName = "counter";

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
}
