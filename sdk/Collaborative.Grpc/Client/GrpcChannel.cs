using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace Collaborative.Grpc.Client;

/// <summary>
/// A client connection to one gRPC server over HTTP/2: "http://host:port" (h2c with prior knowledge),
/// "https://host:port" (TLS with ALPN), or "unix:/path/to.sock" (h2c on a Unix domain socket).
/// Thread-safe; make one per server and share it. Streams beyond one connection's limit open more.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    private GrpcChannel(Uri baseAddress, string target, HttpMessageInvoker invoker, GrpcChannelOptions options)
    {
        BaseAddress = baseAddress;
        Target = target;
        _invoker = invoker;
        Options = options;
    }

    /// <summary>The address as given.</summary>
    public string Target { get; }

    internal Uri BaseAddress { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        options ??= new GrpcChannelOptions();
        string? socketPath = null;
        Uri baseAddress;
        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            // "unix:/abs/path" or "unix:///abs/path" (gRPC naming doc).
            socketPath = address["unix:".Length..];
            if (socketPath.StartsWith("//", StringComparison.Ordinal))
            {
                socketPath = socketPath[2..];
            }

            baseAddress = new Uri("http://localhost");
        }
        else if (!Uri.TryCreate(address, UriKind.Absolute, out baseAddress!) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Channel address '{address}' is not valid: use http://host:port, https://host:port or unix:/path.", nameof(address));
        }

        var handler = options.HttpHandler ?? CreateHandler(options, socketPath);
        return new GrpcChannel(baseAddress, address, new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null), options);
    }

    /// <summary>A unary call; throws <see cref="RpcException"/> when it fails.</summary>
    public Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        AsyncUnaryCall(method, request, options).ResponseAsync;

    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(call);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(default);
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call.ReadSingleResponseAsync());
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(default);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call);
    }

    /// <summary>
    /// Sends an HTTP/2 request as given on this channel's connections, for gateways that forward calls
    /// byte for byte (headers, framed messages, trailers). A relative request URI is resolved against the
    /// channel's address. Returns when the response headers arrive; the body and trailers stream after.
    /// Ordinary callers use the typed calls above.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is null || !request.RequestUri.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(BaseAddress, request.RequestUri?.OriginalString ?? "/");
        }

        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return _invoker.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _invoker.Dispose();

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options, string? socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.ConnectTimeout,
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

        if (options.ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [options.ClientCertificate];
        }

        if (options.ServerCertificateValidation is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = options.ServerCertificateValidation;
        }
        else if (options.RootCertificate is { } root)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && ChainsTo(certificate, root, errors));
        }

        return handler;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 root, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
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
