using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;

namespace Collaborative.Programme.Grains;

/// <summary>One month of a programme's method audit. Appends only; an entry added again (same kind, record and version) is ignored.</summary>
internal sealed class MethodAuditGrain(
    [PersistentState("method-audit")] IPersistentState<MethodAuditState> state,
    StorageConflicts conflicts) : Grain, IMethodAuditGrain
{
    public async Task AppendAsync(MethodAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Has(entry))
        {
            return;
        }

        await conflicts.WriteAsync(
            state,
            () =>
            {
                if (!Has(entry))
                {
                    state.State.Entries.Add(entry);
                }

                return true;
            },
            () => { });
    }

    public Task<ImmutableArray<MethodAuditEntry>> ListAsync() => Task.FromResult(state.State.Entries.ToImmutableArray());

    private bool Has(MethodAuditEntry entry) =>
        state.State.Entries.Any(e => e.Version == entry.Version && e.RecordKind == entry.RecordKind && e.RecordId == entry.RecordId);
}
