using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Host.Programme;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The modules partners run on their own infrastructure and push from (host.proto RegisterModule):
/// durable, so a restarted host, or any host of the cluster, lists them.
/// </summary>
public interface IModuleRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry of a deployment: a module belongs to a partner of the ICS, whichever programmes its measures serve.</summary>
    const string Key = "modules";

    /// <summary>Registers or refreshes <paramref name="description"/> for <paramref name="partner"/>; refused when another partner owns the id.</summary>
    Task<ModuleRegistration> RegisterAsync(PluginDescription description, string partner, string registeredBy, DateTimeOffset at);

    /// <summary>Every registration, in the order they were first made.</summary>
    [ReadOnly]
    Task<ImmutableArray<RegisteredModuleState>> ListAsync();

    /// <summary>Counts observations the module reported (by their source), once a report stream ends.</summary>
    Task RecordReportsAsync(string moduleId, long observations, DateTimeOffset lastReportAt);
}
