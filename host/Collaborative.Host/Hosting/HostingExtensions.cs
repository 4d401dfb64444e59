using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Collaborative.Contracts;
using Collaborative.Cluster;
using Collaborative.Host.Access;
using Collaborative.Host.Dashboard;
using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Collaborative.Programme.Grains;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Grpc.Core;
using Grpc.AspNetCore.Server;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Host.Hosting;

/// <summary>The host's wiring: what Program.cs calls.</summary>
public static class HostingExtensions
{
    /// <summary>grpc-dotnet's server options (MaxReceiveMessageSize, MaxSendMessageSize, ResponseCompressionAlgorithm, EnableDetailedErrors…).</summary>
    public const string GrpcSection = "Collaborative:Grpc";

    public static WebApplicationBuilder AddCollaborativeHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollaborativeHostOptions>()
            .Bind(builder.Configuration.GetSection(CollaborativeHostOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Tls.Enabled || IPAddress.TryParse(o.BindAddress, out var ip) && IPAddress.IsLoopback(ip),
                "Collaborative:BindAddress is not a loopback address, so Collaborative:Tls:CertificatePath and KeyPath are required: partners' traffic never crosses a network in clear text.")
            .Validate(o => !o.Tls.Enabled || (File.Exists(o.Tls.CertificatePath) && o.Tls.KeyPath is not null && File.Exists(o.Tls.KeyPath)),
                "Collaborative:Tls:CertificatePath and KeyPath must both name existing PEM files.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(CollaborativeHostOptions.Section).Get<CollaborativeHostOptions>() ?? new CollaborativeHostOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.GrpcPort > 0 && IPAddress.TryParse(options.BindAddress, out var address))
            {
                kestrel.Listen(address, options.GrpcPort, listen =>
                {
                    if (options.Tls.Enabled && File.Exists(options.Tls.CertificatePath) && File.Exists(options.Tls.KeyPath))
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(X509Certificate2.CreateFromPemFile(options.Tls.CertificatePath!, options.Tls.KeyPath));
                    }
                    else
                    {
                        // Cleartext gRPC is HTTP/2 with prior knowledge: no ALPN to negotiate it.
                        listen.Protocols = HttpProtocols.Http2;
                    }
                });
            }

            if (options.DashboardPort > 0)
            {
                // The dashboard's own endpoint is always loopback: off-machine readers come over TLS.
                kestrel.Listen(IPAddress.Loopback, options.DashboardPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            }

            if (options.GrpcUnixSocket is { Length: > 0 } socket)
            {
                if (File.Exists(socket))
                {
                    File.Delete(socket);
                }

                kestrel.ListenUnixSocket(socket, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });

        // Message size limits, compression and detailed errors: grpc-dotnet's GrpcServiceOptions, from Collaborative:Grpc.
        builder.Services.AddGrpc();
        builder.Services.Configure<GrpcServiceOptions>(builder.Configuration.GetSection(GrpcSection));
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton(_ =>
        {
            var health = new HealthServiceImpl();
            health.SetStatus("", ServingStatus.Serving);
            return health;
        });
        builder.Services.AddHttpForwarder();
        // The programme (its Orleans silo) before the dashboard: hosted services start in the order they were first
        // registered, and Data Protection's, which reads the key ring held by a grain, must start after the silo's.
        // Registered first by the dashboard (antiforgery), it read too early and logged a failure at every start.
        builder.AddProgramme(options);
        builder.Services.AddDashboard();
        // blazor.web.js comes from the framework's static web assets: the build output finds them through its
        // manifest in every environment (a publish holds the files themselves, and this does nothing).
        builder.WebHost.UseStaticWebAssets();
        builder.AddPlugins();
        return builder;
    }

    public static WebApplication MapCollaborativeHost(this WebApplication app)
    {
        // Fail at start-up, with the message, rather than on the first request.
        _ = app.Services.GetRequiredService<IOptions<CollaborativeHostOptions>>().Value;
        // A module's own service (for staff systems) is forwarded before the host's services are matched.
        app.UseAuthentication();
        app.UseMiddleware<ModuleGateway>();
        app.UseAuthorization();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcService<HostService>();
        // grpcurl and other tools list and call the services without .proto files.
        app.MapGrpcReflectionService();
        app.MapDashboard();
        app.Lifetime.ApplicationStarted.Register(() => _ = WarmUpAsync(app));
        // Watchers and load balancers learn at once that this host is going.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<HealthServiceImpl>().SetStatus("", ServingStatus.NotServing));
        return app;
    }

    /// <summary>
    /// The programme's Orleans silo (Collaborative:Cluster: embedded SQLite by default, or a PostgreSQL
    /// cluster), its grains and the services over them. Also called by the CLI on a plain host builder to
    /// open the embedded store when no host is running, so both read the programme the same way.
    /// </summary>
    internal static void AddProgramme(this IHostApplicationBuilder builder, CollaborativeHostOptions options)
    {
        var cluster = new CollaborativeClusterOptions();
        var section = builder.Configuration.GetSection(CollaborativeClusterOptions.SectionName);
        section.Bind(cluster);
        if (cluster.Provider == ClusterProvider.Localhost)
        {
            // One silo on loopback that nothing else joins: ports nobody configured are any free ones, so
            // several hosts (and the CLI's embedded store) on one machine never collide.
            cluster.SiloPort = section[nameof(cluster.SiloPort)] is null ? FreeLoopbackPort() : cluster.SiloPort;
            cluster.GatewayPort = section[nameof(cluster.GatewayPort)] is null ? FreeLoopbackPort() : cluster.GatewayPort;
        }

        builder.UseOrleans(silo => silo.UseCollaborativeCluster(cluster, options.DataDirectory));
        builder.Services.AddProgrammeGrains(builder.Configuration);
        // Cookies and antiforgery tokens one host protects, every host of the cluster reads.
        builder.Services.AddClusterDataProtection();
        builder.Services.AddSingleton<ProgrammeOffice>();
        builder.Services.AddSingleton<ProgrammeModules>();
        builder.Services.AddSingleton<ObservationRecorder>();
        builder.Services.AddSingleton<IObservationSink>(sp => sp.GetRequiredService<ObservationRecorder>());
        builder.Services.AddProgrammeAccess(builder.Configuration);
        builder.Services.AddSingleton<HostService>();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The plugin supervisor, started after the grain runtime and stopped before it.</summary>
    private static void AddPlugins(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PluginHostOptions>()
            .Bind(builder.Configuration.GetSection(PluginHostOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PluginSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PluginSupervisor>());
    }

    /// <summary>Activates the programme at start-up, so the first run's sample is ready before the first reader.</summary>
    private static async Task WarmUpAsync(WebApplication app)
    {
        try
        {
            var programme = await app.Services.GetRequiredService<ProgrammeOffice>().ProgrammeAsync();
            app.Logger.LogInformation("Programme '{Programme}' (version {Version}) is ready", programme.Definition.Id, programme.Version);
        }
        catch (Exception ex)
        {
            app.Logger.LogError(ex, "The programme could not be loaded");
        }
    }
}
