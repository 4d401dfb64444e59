using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Programme.Grains;

/// <summary>Registrations of pushing modules, written durably before RegisterModule answers. Calls no grain.</summary>
internal sealed class ModuleRegistryGrain(
    [PersistentState("modules")] IPersistentState<ModuleRegistryState> state,
    StorageConflicts conflicts) : Grain, IModuleRegistryGrain
{
    public async Task<ModuleRegistration> RegisterAsync(PluginDescription description, string partner, string registeredBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (Find(description.Id) is { } owned && owned.Partner != partner)
        {
            return new ModuleRegistration(false, false, owned.RegisteredAt.ToDateTimeOffset(), owned.Partner);
        }

        return await conflicts.WriteAsync(
            state,
            () =>
            {
                // Decided again on every attempt: after a conflict the stored registry may differ.
                var existing = Find(description.Id);
                if (existing is not null && existing.Partner != partner)
                {
                    return new ModuleRegistration(false, false, existing.RegisteredAt.ToDateTimeOffset(), existing.Partner);
                }

                var entry = existing ?? new RegisteredModuleState();
                entry.Description = description.Clone();
                entry.Partner = partner;
                entry.RegisteredBy = registeredBy;
                entry.RegisteredAt = Timestamp.FromDateTimeOffset(at);
                if (existing is null)
                {
                    state.State.Modules.Add(entry);
                }

                return new ModuleRegistration(true, existing is not null, at, null);
            },
            () => { });
    }

    public Task<ImmutableArray<RegisteredModuleState>> ListAsync() =>
        Task.FromResult<ImmutableArray<RegisteredModuleState>>([.. state.State.Modules.Select(m => m.Clone())]);

    public async Task RecordReportsAsync(string moduleId, long observations, DateTimeOffset lastReportAt)
    {
        if (Find(moduleId) is null || observations <= 0)
        {
            return;
        }

        await conflicts.WriteAsync(
            state,
            () =>
            {
                if (Find(moduleId) is { } entry)
                {
                    entry.ObservationsReported += observations;
                    entry.LastReportAt = Timestamp.FromDateTimeOffset(lastReportAt);
                }

                return true;
            },
            () => { });
    }

    private RegisteredModuleState? Find(string moduleId) => state.State.Modules.FirstOrDefault(m => m.Description.Id == moduleId);
}
