using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Collaborative.Grpc.Client;

/// <summary>Settings for a channel.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted; larger fails with RESOURCE_EXHAUSTED. Default 4 MiB; null for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = Internal.GrpcProtocolConstants.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent; larger fails with RESOURCE_EXHAUSTED before sending. Default: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>"gzip" to compress every request message. Default null: none.</summary>
    public string? RequestCompression { get; set; }

    /// <summary>For https: trust servers whose chain ends at this certificate (besides the system store).</summary>
    public X509Certificate2? RootCertificate { get; set; }

    /// <summary>For https: the client certificate to present (mutual TLS).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>For https: a custom server certificate check (overrides <see cref="RootCertificate"/>).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>How long to wait for a connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A handler to use instead of the channel's own SocketsHttpHandler (tests, proxies).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
