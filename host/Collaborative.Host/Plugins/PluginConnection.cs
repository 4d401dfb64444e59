using System.Security.Cryptography.X509Certificates;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Collaborative.Plugins;
using Grpc.Health.V1;
using Polly;

namespace Collaborative.Host.Plugins;

/// <summary>
/// Calls into one running plugin, each through its <see cref="PluginCallPolicy"/>. Idempotent calls
/// (Describe, health, CollectObservations, EvaluateAlignment) retry; Shutdown never does.
/// </summary>
internal sealed class PluginConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Plugin.PluginClient _plugin;
    private readonly Health.HealthClient _health;
    private readonly Metadata _secret;
    private readonly PluginCallPolicy _policy;

    public PluginConnection(string moduleId, string address, string? secret, PluginCallPolicy policy, X509Certificate2? rootCertificate = null)
    {
        _channel = GrpcChannels.ForAddress(address, rootCertificate);
        Forwarder = new HttpMessageInvoker(new BrokenOffCallHandler(moduleId) { InnerHandler = GrpcChannels.CreateHttpHandler(address, rootCertificate) }, disposeHandler: true);
        ForwardTo = GrpcChannels.HttpAddressOf(address);
        _plugin = new Plugin.PluginClient(_channel);
        _health = new Health.HealthClient(_channel);
        Secret = secret;
        _secret = secret is null ? [] : new Metadata { { PluginProtocol.SecretHeader, secret } };
        _policy = policy;
    }

    /// <summary>
    /// Raw HTTP/2 to the module for the gateway's forwarder, on its own connections: no retries and no attempt
    /// timeout (the caller's call may not be idempotent; its deadline travels in grpc-timeout).
    /// </summary>
    public HttpMessageInvoker Forwarder { get; }

    /// <summary>The destination prefix of forwarded requests (http://localhost for a Unix socket).</summary>
    public string ForwardTo { get; }

    /// <summary>The launch secret the module requires on every call; null for a remote module.</summary>
    public string? Secret { get; }

    public Task<PluginDescription> DescribeAsync(CancellationToken cancellationToken) =>
        Idempotent(async ct => await _plugin.DescribeAsync(new DescribeRequest(), Options(ct)), cancellationToken);

    public Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        Idempotent(async ct => (await _health.CheckAsync(new HealthCheckRequest { Service = PluginProtocol.HealthServiceName }, Options(ct))).Status, cancellationToken);

    /// <summary>Up to <paramref name="maxBatches"/> batches after <paramref name="cursor"/>. A retry restarts from the same cursor.</summary>
    public Task<List<ObservationBatch>> CollectAsync(string cursor, int maxBatches, CancellationToken cancellationToken) =>
        Idempotent(async ct =>
        {
            using var call = _plugin.CollectObservations(new CollectObservationsRequest { Cursor = cursor }, Options(ct));
            var batches = new List<ObservationBatch>();
            while (batches.Count < maxBatches && await call.ResponseStream.MoveNext(ct))
            {
                batches.Add(call.ResponseStream.Current);
            }

            return batches;
        }, cancellationToken);

    public Task<EvaluateAlignmentResponse> EvaluateAlignmentAsync(string programmeId, CancellationToken cancellationToken) =>
        Idempotent(async ct => await _plugin.EvaluateAlignmentAsync(new EvaluateAlignmentRequest { ProgrammeId = programmeId }, Options(ct)), cancellationToken);

    public async Task ShutdownAsync(CancellationToken cancellationToken) =>
        await _policy.Calls.ExecuteAsync(async ct => await _plugin.ShutdownAsync(new ShutdownRequest(), Options(ct)), cancellationToken);

    public void Dispose()
    {
        Forwarder.Dispose();
        _channel.Dispose();
    }

    private Task<T> Idempotent<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _policy.Retries.ExecuteAsync(async outer => await _policy.Calls.ExecuteAsync(async inner => await call(inner), outer), cancellationToken).AsTask();

    private CallOptions Options(CancellationToken cancellationToken) => new(_secret, cancellationToken: cancellationToken);
}
