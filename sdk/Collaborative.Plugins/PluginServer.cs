using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Collaborative.Contracts;
using Collaborative.Grpc.Health;
using Collaborative.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Plugins;

/// <summary>
/// Serves a programme module as a plugin process. A plugin's Main is one line:
/// <code>return await PluginServer.ServeAsync(new MyModule());</code>
/// It checks it was launched by a host, agrees an app protocol version, listens (Unix socket when the
/// host offers a directory, else TCP loopback), prints the handshake line, serves plugin.proto, health
/// and the module's own services, requires the per-launch secret on every call, and exits on Shutdown,
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

        using var loggerFactory = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(options.MinimumLogLevel)
                .AddSimpleConsole(c => { c.SingleLine = true; c.IncludeScopes = false; })
                .AddFilter("Microsoft", LogLevel.Warning);
            // Stdout carries only the handshake; every log line goes to stderr, which the host collects.
            b.Services.Configure<ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var log = loggerFactory.CreateLogger("Collaborative.Plugins");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var health = options.Health;
        health.SetStatus(PluginProtocol.HealthServiceName, ServingStatus.Serving);

        var socketDirectory = Environment.GetEnvironmentVariable(PluginProtocol.SocketDirectoryVariable);
        var socketPath = string.IsNullOrEmpty(socketDirectory) ? null : Path.Combine(socketDirectory, $"plugin-{Environment.ProcessId}.sock");
        var builder = new GrpcServer.Builder()
            .UseLoggerFactory(loggerFactory)
            .AddService(new PluginService(module, () => stop.Cancel()), ServiceDescriptors.Plugin)
            .AddService(health, HealthService.Descriptor)
            .UsePipeline(app => app.Use(RequireSecret(Encoding.UTF8.GetBytes(secret))));
        foreach (var (implementation, service) in options.Services)
        {
            builder.AddService(implementation, service);
        }

        if (socketPath is not null)
        {
            builder.ListenUnixSocket(socketPath);
        }
        else
        {
            builder.ListenLoopback(0);
        }

        await using var server = builder.Build();
        await server.StartAsync(CancellationToken.None);
        var handshake = socketPath is not null
            ? PluginProtocol.FormatHandshake(negotiated.Value, "unix", socketPath)
            : PluginProtocol.FormatHandshake(negotiated.Value, "tcp", $"127.0.0.1:{server.Port}");
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
        health.Shutdown();
        using var grace = new CancellationTokenSource(options.ShutdownGrace);
        try
        {
            await server.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("In-flight calls did not finish within {Grace}; stopping anyway", options.ShutdownGrace);
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

    private static Func<HttpContext, RequestDelegate, Task> RequireSecret(byte[] secret) => (context, next) =>
    {
        var presented = context.Request.Headers[PluginProtocol.SecretHeader].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), secret))
        {
            return next(context);
        }

        // Trailers-Only UNAUTHENTICATED: any gRPC client reads it as a status.
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = "16";
        context.Response.Headers["grpc-message"] = "Missing or wrong plugin secret: only the host that launched this plugin may call it.";
        return Task.CompletedTask;
    };

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
