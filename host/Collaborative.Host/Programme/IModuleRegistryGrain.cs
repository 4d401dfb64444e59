using Collaborative.Contracts.V1;
using Collaborative.Grains;

namespace Collaborative.Host.Programme;

/// <summary>
/// The modules partners run on their own infrastructure and push from (host.proto RegisterModule):
/// durable, so a restarted host (or another host on the same PostgreSQL) still lists them.
/// </summary>
public interface IModuleRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry of a programme.</summary>
    const string Key = "modules";

    /// <summary>Registers or refreshes <paramref name="description"/> for <paramref name="partner"/>; refused when another partner owns the id.</summary>
    Task<ModuleRegistration> RegisterAsync(PluginDescription description, string partner, string registeredBy, DateTimeOffset at);

    /// <summary>Copies of every registration, in the order they were first made.</summary>
    [ReadOnly]
    Task<IReadOnlyList<RegisteredModuleState>> ListAsync();

    /// <summary>Counts observations the module reported (by their source), once a report stream ends.</summary>
    Task RecordReportsAsync(string moduleId, long observations, DateTimeOffset lastReportAt);
}

/// <summary>What registering did: <see cref="OwnedBy"/> is the other partner when refused.</summary>
public sealed record ModuleRegistration(bool Accepted, bool Updated, DateTimeOffset RegisteredAt, string? OwnedBy);
