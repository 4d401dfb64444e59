using Collaborative.Cluster.Tests.Protos;
using Orleans.Runtime;

namespace Collaborative.Cluster.Tests.Grains;

internal sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain
{
    public async Task<LedgerState> Record(LedgerEntry entry)
    {
        state.State.Entries.Add(entry);
        state.State.Total += entry.Amount;
        await state.WriteStateAsync();
        return state.State;
    }

    public Task<LedgerState> Read() => Task.FromResult(state.State);

    public Task<LedgerEntry> Echo(LedgerEntry entry) => Task.FromResult(entry);

    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
