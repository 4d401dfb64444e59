using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Collaborative.Plugins;

/// <summary>
/// Opens a grpc-dotnet <see cref="GrpcChannel"/> to a host or a module: "http://host:port" (h2c with prior
/// knowledge), "https://host:port" (TLS, optionally trusting a private CA and presenting a client
/// certificate), or "unix:/path/to.sock" (h2c on a Unix domain socket).
/// </summary>
public static class GrpcChannels
{
    /// <summary>The scheme prefix of a Unix domain socket address, as in gRPC's naming document.</summary>
    public const string UnixScheme = "unix:";

    /// <param name="address">http://…, https://… or unix:/path.</param>
    /// <param name="rootCertificate">A private CA the server's certificate must chain to (null: the system's trust store).</param>
    /// <param name="clientCertificate">A certificate (with its private key) to present when the server asks for one.</param>
    /// <param name="options">grpc-dotnet's settings (message size limits, compression, …); its HttpHandler is supplied here unless set.</param>
    public static GrpcChannel ForAddress(string address, X509Certificate2? rootCertificate = null, X509Certificate2? clientCertificate = null, GrpcChannelOptions? options = null)
    {
        var target = HttpAddressOf(address);
        options ??= new GrpcChannelOptions();
        if (options.HttpHandler is null && options.HttpClient is null)
        {
            options.HttpHandler = CreateHttpHandler(address, rootCertificate, clientCertificate);
            options.DisposeHttpClient = true;
        }

        return GrpcChannel.ForAddress(target, options);
    }

    /// <summary>The HTTP address requests carry: the address itself, or http://localhost for a Unix socket (the handler dials the socket).</summary>
    public static string HttpAddressOf(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (SocketPathOf(address) is not null)
        {
            return "http://localhost";
        }

        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? address
            : throw new ArgumentException($"Channel address '{address}' is not valid: use http://host:port, https://host:port or unix:/path.", nameof(address));
    }

    /// <summary>
    /// The HTTP/2 handler behind <see cref="ForAddress"/>, for callers that send raw HTTP requests to the same
    /// server (the host's module gateway): dials the Unix socket of a unix: address, trusts the private CA.
    /// </summary>
    public static SocketsHttpHandler CreateHttpHandler(string address, X509Certificate2? rootCertificate = null, X509Certificate2? clientCertificate = null)
    {
        _ = HttpAddressOf(address); // validates it
        return CreateHandler(SocketPathOf(address), rootCertificate, clientCertificate);
    }

    /// <summary>"unix:/abs/path" or "unix:///abs/path" → the path; null for any other address.</summary>
    private static string? SocketPathOf(string address)
    {
        if (!address.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            return null;
        }

        var path = address[UnixScheme.Length..];
        return path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static SocketsHttpHandler CreateHandler(string? socketPath, X509Certificate2? root, X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
        };

        if (socketPath is not null)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [client];
        }

        if (root is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && ChainsTo(certificate, root, errors));
        }

        return handler;
    }

    /// <summary>Only the chain may fail the system's check (an unknown CA), and only if it builds to the given root; a wrong name never passes.</summary>
    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 root, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
