using System.Collections.Immutable;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;

namespace Collaborative.Programme.Grains;

/// <summary>The cluster's Data Protection key ring, written durably before a new key is used. Calls no grain.</summary>
internal sealed class DataProtectionKeysGrain(
    [PersistentState("keys")] IPersistentState<DataProtectionKeysState> state,
    StorageConflicts conflicts) : Grain, IDataProtectionKeysGrain
{
    public Task<ImmutableArray<string>> ListAsync() =>
        Task.FromResult<ImmutableArray<string>>([.. state.State.Keys.Select(k => k.Xml)]);

    public async Task StoreAsync(string friendlyName, string xml)
    {
        ArgumentNullException.ThrowIfNull(friendlyName);
        ArgumentNullException.ThrowIfNull(xml);
        await conflicts.WriteAsync(
            state,
            () =>
            {
                // Decided again on every attempt: after a conflict the stored ring may differ.
                var keys = state.State.Keys;
                var existing = keys.FirstOrDefault(k => k.FriendlyName == friendlyName);
                if (existing is null)
                {
                    keys.Add(new DataProtectionKeyState { FriendlyName = friendlyName, Xml = xml });
                }
                else
                {
                    existing.Xml = xml;
                }

                return true;
            },
            () => { });
    }
}
