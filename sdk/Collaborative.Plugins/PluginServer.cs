using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Grpc.HealthCheck;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Plugins;

/// <summary>
/// Serves a programme module as a plugin process. A plugin's Main is one line:
/// <code>return await PluginServer.ServeAsync(new MyModule());</code>
/// It checks it was launched by a host, agrees an app protocol version, listens (Unix socket when the
/// host offers a directory, else TCP loopback), prints the handshake line, serves plugin.proto, health
/// and the module's own services (Kestrel + Grpc.AspNetCore), requires the per-launch secret on every call
/// (<see cref="PluginSecretInterceptor"/>), and exits on Shutdown,
/// SIGTERM, or when the host process goes away. SIGINT (Ctrl-C in the host's terminal) is left to the host.
/// </summary>
public static partial class PluginServer
{
    public static async Task<int> ServeAsync(IProgrammeModule module, PluginServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        options ??= new PluginServerOptions();
        var stderr = Console.Error;

        if (Environment.GetEnvironmentVariable(PluginProtocol.CookieVariable) != PluginProtocol.CookieValue)
        {
            var description = module.Describe();
            await stderr.WriteLineAsync(
                $"""
                {description.Name} ({description.Id} {description.Version}) is a Collaborative plugin: the host starts it, you don't.
                To use it, put its plugin.json in the host's plugins directory and run the host:
                    dotnet run --project host/Collaborative.Host
                (Launched by hand, {PluginProtocol.CookieVariable} is not set, so it will not serve.)
                """);
            return 1;
        }

        var negotiated = NegotiateAppVersion(Environment.GetEnvironmentVariable(PluginProtocol.ProtocolVersionsVariable), options.AppVersions, out var problem);
        if (negotiated is null)
        {
            await stderr.WriteLineAsync(problem);
            return 1;
        }

        var secret = Environment.GetEnvironmentVariable(PluginProtocol.SecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            await stderr.WriteLineAsync($"{PluginProtocol.SecretVariable} is not set: the host must give every launch a secret.");
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var health = options.Health;
        // "" is the server as a whole, for any standard health checker; "plugin" is what the host checks.
        health.SetStatus("", ServingStatus.Serving);
        health.SetStatus(PluginProtocol.HealthServiceName, ServingStatus.Serving);

        var socketDirectory = Environment.GetEnvironmentVariable(PluginProtocol.SocketDirectoryVariable);
        var socketPath = string.IsNullOrEmpty(socketDirectory) ? null : Path.Combine(socketDirectory, $"plugin-{Environment.ProcessId}.sock");
        await using var app = Build(module, options, secret, socketPath, stop);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Collaborative.Plugins");
        await app.StartAsync(CancellationToken.None);
        var handshake = socketPath is not null
            ? PluginProtocol.FormatHandshake(negotiated.Value, "unix", socketPath)
            : PluginProtocol.FormatHandshake(negotiated.Value, "tcp", $"127.0.0.1:{BoundPort(app)}");
        Console.Out.WriteLine(handshake);
        log.LogInformation("Serving {Plugin} on {Address} (app protocol {Version})", module.Describe().Id, handshake.Split('|')[3], negotiated);

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        // Ctrl-C in the host's terminal reaches the whole process group, plugins included. The host owns
        // their lifecycle (Shutdown, then the grace period), so a plugin lets the interrupt pass.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            log.LogInformation("Interrupt ignored: the host stops this plugin (Shutdown), or it stops when the host goes away");
        });
        _ = WatchParentAsync(options.ParentCheckInterval, log, stop);

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        log.LogInformation("Stopping {Plugin}", module.Describe().Id);
        // Watchers learn at once that this module is going.
        health.SetStatus("", ServingStatus.NotServing);
        health.SetStatus(PluginProtocol.HealthServiceName, ServingStatus.NotServing);
        using var grace = new CancellationTokenSource(options.ShutdownGrace);
        try
        {
            await app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("In-flight calls did not finish within {Grace}; stopping anyway", options.ShutdownGrace);
        }

        if (socketPath is not null)
        {
            // The socket file is ours: a host that looks in the directory later finds no stale one.
            File.Delete(socketPath);
        }

        return 0;
    }

    /// <summary>The highest app version both sides speak, or null with the reason.</summary>
    internal static int? NegotiateAppVersion(string? hostVersions, IReadOnlyList<int> moduleVersions, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(hostVersions))
        {
            problem = $"{PluginProtocol.ProtocolVersionsVariable} is not set: the host must say which app protocol versions it speaks.";
            return null;
        }

        var offered = new List<int>();
        foreach (var part in hostVersions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var version) || version < 1)
            {
                problem = $"{PluginProtocol.ProtocolVersionsVariable}='{hostVersions}' is not a comma-separated list of positive integers ('{part}').";
                return null;
            }

            offered.Add(version);
        }

        var common = offered.Intersect(moduleVersions).DefaultIfEmpty(0).Max();
        if (common == 0)
        {
            problem = $"No common app protocol version: the host speaks {string.Join(",", offered)}, this module speaks {string.Join(",", moduleVersions)}.";
            return null;
        }

        return common;
    }

    /// <summary>Kestrel (h2c on the Unix socket, else loopback TCP on a free port) with plugin.proto, health and the module's own services.</summary>
    private static WebApplication Build(IProgrammeModule module, PluginServerOptions options, string secret, string? socketPath, CancellationTokenSource stop)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (socketPath is not null)
            {
                kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel)
            .AddSimpleConsole(c => { c.SingleLine = true; c.IncludeScopes = false; })
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning);
        // Stdout carries only the handshake; every log line goes to stderr, which the host collects.
        builder.Services.Configure<ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddRouting();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<PluginSecretInterceptor>(Encoding.UTF8.GetBytes(secret)));
        builder.Services.AddSingleton(new PluginService(module, () => stop.Cancel()));
        builder.Services.AddSingleton(options.Health);
        foreach (var register in options.ServiceRegistrations)
        {
            register(builder.Services);
        }

        var app = builder.Build();
        app.MapGrpcService<PluginService>();
        app.MapGrpcService<HealthServiceImpl>();
        foreach (var map in options.ServiceMappings)
        {
            map(app);
        }

        return app;
    }

    private static int BoundPort(WebApplication app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;

    /// <summary>Stops the plugin when the host is gone: its stdin pipe closes, or we are re-parented.</summary>
    private static async Task WatchParentAsync(TimeSpan interval, ILogger log, CancellationTokenSource stop)
    {
        var parent = GetParentProcessId();
        if (StdinIsPipe())
        {
            _ = Task.Run(async () =>
            {
                var buffer = new byte[256];
                using var stdin = Console.OpenStandardInput();
                try
                {
                    while (await stdin.ReadAsync(buffer, stop.Token) > 0)
                    {
                    }

                    log.LogWarning("The host closed our stdin: it has gone; stopping");
                    stop.Cancel();
                }
                catch (OperationCanceledException)
                {
                    // Stopping anyway.
                }
            });
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop.Token);
                if (GetParentProcessId() != parent)
                {
                    log.LogWarning("The host process {Parent} has gone; stopping", parent);
                    stop.Cancel();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>A host keeps a pipe to our stdin; /dev/null or a terminal says nothing about the host.</summary>
    private static bool StdinIsPipe()
    {
        try
        {
            return new FileInfo("/proc/self/fd/0").LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int GetParentProcessId() => OperatingSystem.IsWindows() ? -1 : NativeMethods.getppid();

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
#pragma warning disable SYSLIB1054 // LibraryImport needs a source generator; DllImport of an int-returning function needs no marshalling.
        internal static extern int getppid();
#pragma warning restore SYSLIB1054
    }
}
