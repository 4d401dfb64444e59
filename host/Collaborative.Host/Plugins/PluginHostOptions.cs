using System.ComponentModel.DataAnnotations;

namespace Collaborative.Host.Plugins;

/// <summary>How the host finds, starts and watches plugins ("Collaborative:Plugins" in configuration).</summary>
public sealed class PluginHostOptions
{
    public const string Section = "Collaborative:Plugins";

    /// <summary>Directories holding plugin.json files (DIR/plugin.json or DIR/*/plugin.json), relative to the content root. Default: none.</summary>
    public List<string> Directories { get; set; } = [];

    /// <summary>Plugin ids not to start even though a manifest exists. Default: none.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>App protocol versions (plugin.proto generations) this host speaks. Default: 1.</summary>
    public List<int> AppProtocolVersions { get; set; } = [1];

    /// <summary>How long a plugin has to print its handshake line (a first start may seed its store). Default 30 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between health checks. Default 2 s.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed health checks before a restart. Default 3.</summary>
    [Range(1, 100)]
    public int UnhealthyThreshold { get; set; } = 3;

    /// <summary>Time between observation collections. Default 5 s.</summary>
    public TimeSpan CollectInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Restarts in a row (without a healthy spell in between) before the plugin is reported failed. Default 5.</summary>
    [Range(0, 1000)]
    public int MaxRestarts { get; set; } = 5;

    /// <summary>First restart delay; doubles each time, with jitter, up to <see cref="MaxRestartDelay"/>. Default 0.5 s.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest restart delay. Default 30 s.</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After Shutdown, how long a plugin may take to exit before it is killed. Default 5 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one attempt of a call to a plugin. Default 5 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Circuit breaker: failure ratio (0-1) over <see cref="BreakerSamplingDuration"/> that opens it. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: calls needed in the window before it may open. Default 4.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Circuit breaker sampling window. Default 30 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses calls before letting one through. Default 5 s.</summary>
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a call forwarded by the module gateway may go without a byte either way before it is cut.
    /// A staff system's watch or long stream can sit idle for hours, so the default is 24 hours (the
    /// forwarder's own default, 100 s, would end an idle watch). The caller's deadline still applies.
    /// </summary>
    public TimeSpan GatewayIdleTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Extra environment for every plugin (e.g. COLLAB_PLUGIN_SEED=demo). Default: none.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];
}
