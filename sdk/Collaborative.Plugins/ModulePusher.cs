using System.Security.Cryptography.X509Certificates;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using HostClient = Collaborative.Contracts.V1.Host.HostClient;

namespace Collaborative.Plugins;

/// <summary>Where and how a module on a partner's own infrastructure pushes to the collaborative's host.</summary>
public sealed class ModulePushOptions
{
    /// <summary>The host: "https://collab.example.nhs.uk:5310" (TLS off the machine), "http://127.0.0.1:5310" or "unix:/path".</summary>
    public required string HostAddress { get; init; }

    /// <summary>The partner's bearer token (role partner), given by the programme's admin.</summary>
    public required string Token { get; init; }

    /// <summary>
    /// A file the pusher keeps the last cursor the host acknowledged in (a <see cref="CursorFile"/>, written
    /// after every batch), so a restart neither loses nor repeats observations.
    /// </summary>
    public required string CursorFile { get; init; }

    /// <summary>How often to collect and push. Default one minute.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A private CA the host's certificate must chain to (null: the system's trust store).</summary>
    public X509Certificate2? RootCertificate { get; init; }

    /// <summary>A client certificate (with its key) to present when the host asks for one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>grpc-dotnet's channel settings (message size limits, compression); see <see cref="GrpcChannels.ForAddress"/>.</summary>
    public GrpcChannelOptions? Channel { get; init; }

    /// <summary>Where progress and transient failures are told (default: standard error).</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// Runs a module on a partner's own infrastructure, with no inbound connection: it registers with the
/// host (host.proto RegisterModule, partner token), then repeatedly takes what
/// <see cref="IProgrammeModule.CollectObservationsAsync"/> yields after the last acknowledged cursor and
/// reports it (ReportObservations). The same <see cref="IProgrammeModule"/> can instead be launched by a
/// host with <see cref="PluginServer.ServeAsync"/>.
/// <code>await ModulePusher.RunAsync(new MyModule(), new ModulePushOptions { HostAddress = …, Token = …, CursorFile = … }, stopping);</code>
/// A refusal the module cannot fix by waiting (bad token, a measure it may not report, a taken id, an
/// invalid observation) ends the run with <see cref="RpcException"/>; an unreachable host is retried.
/// </summary>
public static class ModulePusher
{
    public static async Task RunAsync(IProgrammeModule module, ModulePushOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Log ?? Console.Error;
        using var channel = GrpcChannels.ForAddress(options.HostAddress, options.RootCertificate, options.ClientCertificate, options.Channel);
        var host = new HostClient(channel);
        var description = module.Describe();
        var calls = new Metadata { { PluginProtocol.AuthorizationHeader, PluginProtocol.BearerPrefix + options.Token } };
        var registered = false;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    var response = await host.RegisterModuleAsync(new RegisterModuleRequest { Module = description }, Options(calls, cancellationToken));
                    await log.WriteLineAsync($"{description.Id}: registered with {options.HostAddress}{(response.Updated ? " (again)" : "")}");
                    registered = true;
                }

                var pushed = await PushOnceAsync(host, module, calls, options.CursorFile, cancellationToken);
                if (pushed > 0)
                {
                    await log.WriteLineAsync($"{description.Id}: {pushed} observation(s) acknowledged");
                }

                failures = 0;
                await Task.Delay(options.Interval, cancellationToken);
            }
            catch (RpcException ex) when (IsTransient(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.Interval.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
                await log.WriteLineAsync($"{description.Id}: the host did not take the push ({ex.StatusCode}: {ex.Status.Detail}); retrying in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>One round: every batch after the stored cursor, reported and acknowledged, the cursor stored after each. Returns how many were acknowledged.</summary>
    public static async Task<int> PushOnceAsync(HostClient host, IProgrammeModule module, Metadata headers, string cursorFile, CancellationToken cancellationToken)
    {
        var cursor = CursorFile.Read(cursorFile) ?? "";
        var acknowledged = 0;
        await foreach (var batch in module.CollectObservationsAsync(cursor, 0, cancellationToken))
        {
            if (batch.Observations.Count > 0)
            {
                using var call = host.ReportObservations(Options(headers, cancellationToken));
                foreach (var observation in batch.Observations)
                {
                    await call.RequestStream.WriteAsync(observation, cancellationToken);
                }

                await call.RequestStream.CompleteAsync();
                var acks = 0;
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    acks++;
                }

                if (acks != batch.Observations.Count)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"The host acknowledged {acks} of {batch.Observations.Count} observations without an error."));
                }

                acknowledged += acks;
            }

            // Only after every observation of the batch is durable at the host.
            CursorFile.Write(cursorFile, batch.Cursor);
        }

        return acknowledged;
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Internal;

    private static CallOptions Options(Metadata headers, CancellationToken cancellationToken) =>
        new(headers, DateTime.UtcNow.AddSeconds(60), cancellationToken);
}
