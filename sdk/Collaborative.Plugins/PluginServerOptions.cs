using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collaborative.Plugins;

/// <summary>Optional settings for <see cref="PluginServer.ServeAsync"/>.</summary>
public sealed class PluginServerOptions
{
    internal List<Action<IServiceCollection>> ServiceRegistrations { get; } = [];

    internal List<Action<IEndpointRouteBuilder>> ServiceMappings { get; } = [];

    /// <summary>App protocol versions this module speaks. Default: 1.</summary>
    public IReadOnlyList<int> AppVersions { get; set; } = [1];

    /// <summary>How long in-flight calls may finish after Shutdown. Default 5 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to check that the host is still alive. Default 1 s.</summary>
    public TimeSpan ParentCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Log level for the module's stderr log (which the host shows under the plugin's name). Default Information.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>
    /// The health the host checks (service "plugin", SERVING at start). A module that knows it cannot do
    /// its work (its store is unreachable, say) sets NOT_SERVING here, and the host restarts it; watchers
    /// hear of each change at once.
    /// </summary>
    public HealthServiceImpl Health { get; } = new();

    /// <summary>
    /// Also serve a module-specific service (for staff systems), e.g. the register's own API: an instance of
    /// a class derived from the service base Grpc.Tools generates, used for every call.
    /// </summary>
    public PluginServerOptions AddService<TService>(TService implementation)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ServiceRegistrations.Add(services => services.AddSingleton(implementation));
        ServiceMappings.Add(endpoints => endpoints.MapGrpcService<TService>());
        return this;
    }
}
