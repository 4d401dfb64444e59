namespace Collaborative.Plugins;

/// <summary>
/// The launch contract between the host and a local plugin (modelled on HashiCorp go-plugin). The host
/// sets these environment variables; the plugin answers with one stdout line
/// <c>CORE|APP|NETWORK|ADDRESS|grpc</c>. Any language can implement it from this page.
/// </summary>
public static class PluginProtocol
{
    /// <summary>Version of this launch contract. The host refuses a plugin that speaks another.</summary>
    public const int CoreVersion = 1;

    /// <summary>Set to <see cref="CookieValue"/> by the host; without it the program was run by hand.</summary>
    public const string CookieVariable = "COLLAB_PLUGIN_COOKIE";

    /// <summary>A fixed value: not a secret, just proof the process was launched as a plugin.</summary>
    public const string CookieValue = "5b3e1c6a-collaborative-plugin";

    /// <summary>Comma-separated app protocol versions (plugin.proto generations) the host speaks, e.g. "1".</summary>
    public const string ProtocolVersionsVariable = "COLLAB_PLUGIN_PROTOCOL_VERSIONS";

    /// <summary>A per-launch secret; the plugin requires it on every call in <see cref="SecretHeader"/>.</summary>
    public const string SecretVariable = "COLLAB_PLUGIN_SECRET";

    /// <summary>A private directory for the plugin's Unix socket (preferred over TCP).</summary>
    public const string SocketDirectoryVariable = "COLLAB_PLUGIN_SOCKET_DIR";

    /// <summary>Where the plugin keeps its own data (its store lives here).</summary>
    public const string DataDirectoryVariable = "COLLAB_PLUGIN_DATA_DIR";

    /// <summary>Metadata key carrying the per-launch secret on every host→plugin call.</summary>
    public const string SecretHeader = "collab-plugin-secret";

    /// <summary>
    /// On calls the host's module gateway forwards to a module's own service: the staff system's principal
    /// and its partner organisation id, set by the host and never taken from the caller.
    /// </summary>
    public const string CallerHeader = "collab-caller";

    /// <inheritdoc cref="CallerHeader"/>
    public const string CallerPartnerHeader = "collab-caller-partner";

    /// <summary>The metadata key a caller's credentials travel in, to the host and through its gateway.</summary>
    public const string AuthorizationHeader = "authorization";

    /// <summary>
    /// Metadata naming the programme a host.proto ReportObservations stream reports to (its messages are bare
    /// observations); absent or empty: the default programme.
    /// </summary>
    public const string ProgrammeHeader = "collab-programme";

    /// <summary>The scheme before a bearer token in <see cref="AuthorizationHeader"/>: "Bearer TOKEN".</summary>
    public const string BearerPrefix = "Bearer ";

    /// <summary>Health service name the host checks (grpc.health.v1).</summary>
    public const string HealthServiceName = "plugin";

    /// <summary>
    /// Exit code (sysexits' EX_CONFIG) of a module that cannot run on this machine because something it
    /// needs is missing (a library, a tool). It exits before its handshake after one stderr line naming what
    /// to install; the host reports it unavailable with that line and does not restart it.
    /// </summary>
    public const int MissingPrerequisiteExitCode = 78;

    /// <summary>The last field of the handshake line.</summary>
    public const string Protocol = "grpc";

    /// <summary>Formats the handshake line.</summary>
    public static string FormatHandshake(int appVersion, string network, string address) =>
        $"{CoreVersion}|{appVersion}|{network}|{address}|{Protocol}";
}
