using Collaborative.Grpc.Health;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace Collaborative.Plugins;

/// <summary>Optional settings for <see cref="PluginServer.ServeAsync"/>.</summary>
public sealed class PluginServerOptions
{
    internal List<(object Implementation, ServiceDescriptor Service)> Services { get; } = [];

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
    /// its work (its store is unreachable, say) sets NOT_SERVING here, and the host restarts it.
    /// </summary>
    public HealthService Health { get; } = new();

    /// <summary>Also serve a module-specific service (for staff systems), e.g. the register's own API.</summary>
    public PluginServerOptions AddService(object implementation, ServiceDescriptor service)
    {
        Services.Add((implementation, service));
        return this;
    }
}
