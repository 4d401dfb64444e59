using System.ComponentModel.DataAnnotations;

namespace Collaborative.Host.Hosting;

/// <summary>The host's endpoints, from the "Collaborative" section of appsettings.json or COLLABORATIVE__* environment variables.</summary>
public sealed class CollaborativeHostOptions
{
    public const string Section = "Collaborative";

    /// <summary>Loopback TCP port for gRPC (HTTP/2). Default 5310; 0 disables it.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5310;

    /// <summary>
    /// Loopback TCP port for the web dashboard (HTTP/1.1: browsers do not speak cleartext HTTP/2). Default
    /// 5311; 0 disables it. With TLS configured the dashboard is also served on the gRPC port.
    /// </summary>
    [Range(0, 65535)]
    public int DashboardPort { get; set; } = 5311;

    /// <summary>Unix domain socket path for gRPC as well, e.g. /run/collaborative/host.sock. Default: none.</summary>
    public string? GrpcUnixSocket { get; set; }

    /// <summary>Address to bind gRPC on. Default 127.0.0.1; anything off-machine requires TLS.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Where the host keeps its data (embedded store, plugin data and cursors). Default: ~/.local/share/collaborative.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "collaborative");

    /// <summary>TLS for the gRPC endpoint: required when <see cref="BindAddress"/> is not loopback.</summary>
    public TlsOptions Tls { get; set; } = new();
}

/// <summary>A PEM certificate and key for TLS.</summary>
public sealed class TlsOptions
{
    /// <summary>Path to a PEM certificate (chain). Null: no TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Path to the PEM private key for <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    public bool Enabled => CertificatePath is not null;
}
