using System.Net;
using System.Security.Cryptography.X509Certificates;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collaborative.Grpc.Server;

/// <summary>
/// A stand-alone gRPC server on Kestrel, for plugins, tools and tests that need nothing else:
/// <code>
/// await using var server = new GrpcServer.Builder().ListenLoopback(0).AddService(impl, Health.Descriptor).Build();
/// await server.StartAsync();
/// </code>
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _unixSockets;

    private GrpcServer(WebApplication app, List<string> unixSockets)
    {
        _app = app;
        _unixSockets = unixSockets;
    }

    /// <summary>The addresses the server listens on, once started: "http://127.0.0.1:50123", "https://…", "unix:/path".</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>The port of the first TCP endpoint (useful after listening on port 0).</summary>
    public int Port => Addresses.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http", StringComparison.Ordinal) ? u.Port : 0).FirstOrDefault(p => p > 0);

    public IServiceProvider Services => _app.Services;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Addresses = addresses.Select(a => a.StartsWith("http://unix:", StringComparison.Ordinal) ? "unix:" + a["http://unix:".Length..] : a.Replace("[::1]", "localhost", StringComparison.Ordinal)).ToList();
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var socket in _unixSockets)
        {
            try
            {
                File.Delete(socket);
            }
            catch (IOException)
            {
                // Best effort: a stale socket file is replaced on the next listen.
            }
        }
    }

    /// <summary>Collects endpoints, options and services, then builds the server.</summary>
    public sealed class Builder
    {
        private readonly List<Action<KestrelServerOptions>> _listen = [];
        private readonly List<(object Implementation, ServiceDescriptor Service)> _services = [];
        private readonly List<string> _unixSockets = [];
        private readonly GrpcServerOptions _options = new();
        private ILoggerFactory? _loggerFactory;
        private Action<IApplicationBuilder>? _configurePipeline;

        /// <summary>Cleartext HTTP/2 (h2c, prior knowledge) on 127.0.0.1; port 0 picks a free one.</summary>
        public Builder ListenLoopback(int port)
        {
            _listen.Add(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
            return this;
        }

        /// <summary>TLS on 127.0.0.1 with HTTP/2 negotiated by ALPN (HTTP/1.1 offered too, for the dashboard).</summary>
        public Builder ListenLoopbackTls(int port, X509Certificate2 certificate)
        {
            _listen.Add(k => k.Listen(IPAddress.Loopback, port, o =>
            {
                o.Protocols = HttpProtocols.Http1AndHttp2;
                o.UseHttps(certificate);
            }));
            return this;
        }

        /// <summary>Cleartext HTTP/2 on a Unix domain socket; a stale socket file at the path is replaced.</summary>
        public Builder ListenUnixSocket(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            _unixSockets.Add(path);
            _listen.Add(k => k.ListenUnixSocket(path, o => o.Protocols = HttpProtocols.Http2));
            return this;
        }

        /// <summary>Any other Kestrel endpoint set-up.</summary>
        public Builder Listen(Action<KestrelServerOptions> configure)
        {
            _listen.Add(configure);
            return this;
        }

        public Builder Configure(Action<GrpcServerOptions> configure)
        {
            configure(_options);
            return this;
        }

        public Builder AddService(object implementation, ServiceDescriptor service)
        {
            _services.Add((implementation, service));
            return this;
        }

        public Builder UseLoggerFactory(ILoggerFactory loggerFactory)
        {
            _loggerFactory = loggerFactory;
            return this;
        }

        /// <summary>Middleware that runs before gRPC (authentication, for example).</summary>
        public Builder UsePipeline(Action<IApplicationBuilder> configure)
        {
            _configurePipeline = configure;
            return this;
        }

        public GrpcServer Build()
        {
            if (_listen.Count == 0)
            {
                throw new InvalidOperationException("The gRPC server has no endpoint: call ListenLoopback, ListenUnixSocket or Listen first.");
            }

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                foreach (var listen in _listen)
                {
                    listen(k);
                }
            });
            if (_loggerFactory is not null)
            {
                builder.Services.AddSingleton(_loggerFactory);
            }

            builder.Services.AddLogging();
            builder.Services.AddGrpcTransport(o =>
            {
                o.MaxReceiveMessageSize = _options.MaxReceiveMessageSize;
                o.MaxSendMessageSize = _options.MaxSendMessageSize;
                o.ResponseCompression = _options.ResponseCompression;
                o.EnableDetailedErrors = _options.EnableDetailedErrors;
            });
            var app = builder.Build();
            var registry = app.Services.GetRequiredService<GrpcServiceRegistry>();
            foreach (var (implementation, service) in _services)
            {
                registry.Add(implementation, service);
            }

            _configurePipeline?.Invoke(app);
            app.UseGrpcServices();
            return new GrpcServer(app, _unixSockets);
        }
    }
}
