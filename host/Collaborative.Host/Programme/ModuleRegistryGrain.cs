using Collaborative.Contracts.V1;
using Collaborative.Grains;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Host.Programme;

/// <summary>Registrations of pushing modules, written durably before RegisterModule answers.</summary>
internal sealed class ModuleRegistryGrain([PersistentState("modules")] IPersistentState<ModuleRegistryState> state) : Grain, IModuleRegistryGrain
{
    public async Task<ModuleRegistration> RegisterAsync(PluginDescription description, string partner, string registeredBy, DateTimeOffset at)
    {
        var existing = state.State.Modules.FirstOrDefault(m => m.Description.Id == description.Id);
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

        await WriteOrForgetAsync();
        return new ModuleRegistration(true, existing is not null, at, null);
    }

    public Task<IReadOnlyList<RegisteredModuleState>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RegisteredModuleState>>([.. state.State.Modules.Select(m => m.Clone())]);

    public async Task RecordReportsAsync(string moduleId, long observations, DateTimeOffset lastReportAt)
    {
        if (state.State.Modules.FirstOrDefault(m => m.Description.Id == moduleId) is not { } entry || observations <= 0)
        {
            return;
        }

        entry.ObservationsReported += observations;
        entry.LastReportAt = Timestamp.FromDateTimeOffset(lastReportAt);
        await WriteOrForgetAsync();
    }

    private async Task WriteOrForgetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable: drop the change so memory matches storage.
            await state.ReadStateAsync();
            throw;
        }
    }
}
