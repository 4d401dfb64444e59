using Collaborative.Contracts;
using Collaborative.Contracts.V1;
using Collaborative.Grpc;
using Collaborative.Grpc.Client;
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
    private static readonly Method<DescribeRequest, PluginDescription> Describe = Method.Create<DescribeRequest, PluginDescription>(ServiceDescriptors.Plugin, "Describe");
    private static readonly Method<CollectObservationsRequest, ObservationBatch> Collect = Method.Create<CollectObservationsRequest, ObservationBatch>(ServiceDescriptors.Plugin, "CollectObservations");
    private static readonly Method<EvaluateAlignmentRequest, EvaluateAlignmentResponse> Evaluate = Method.Create<EvaluateAlignmentRequest, EvaluateAlignmentResponse>(ServiceDescriptors.Plugin, "EvaluateAlignment");
    private static readonly Method<ShutdownRequest, ShutdownResponse> Shutdown = Method.Create<ShutdownRequest, ShutdownResponse>(ServiceDescriptors.Plugin, "Shutdown");
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck = Method.Create<HealthCheckRequest, HealthCheckResponse>(ServiceDescriptors.Health, "Check");

    private readonly GrpcChannel _channel;
    private readonly Metadata _secret;
    private readonly string? _secretValue;
    private readonly PluginCallPolicy _policy;

    public PluginConnection(string address, string? secret, PluginCallPolicy policy, GrpcChannelOptions? channelOptions = null)
    {
        _channel = GrpcChannel.ForAddress(address, channelOptions);
        _secretValue = secret;
        _secret = secret is null ? new Metadata() : new Metadata().Add(PluginProtocol.SecretHeader, secret);
        _policy = policy;
    }

    public Task<PluginDescription> DescribeAsync(CancellationToken cancellationToken) =>
        Idempotent(ct => _channel.UnaryAsync(Describe, new DescribeRequest(), Options(ct)), cancellationToken);

    public Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        Idempotent(async ct => (await _channel.UnaryAsync(HealthCheck, new HealthCheckRequest { Service = PluginProtocol.HealthServiceName }, Options(ct))).Status, cancellationToken);

    /// <summary>Up to <paramref name="maxBatches"/> batches after <paramref name="cursor"/>. A retry restarts from the same cursor.</summary>
    public Task<List<ObservationBatch>> CollectAsync(string cursor, int maxBatches, CancellationToken cancellationToken) =>
        Idempotent(async ct =>
        {
            using var call = _channel.AsyncServerStreamingCall(Collect, new CollectObservationsRequest { Cursor = cursor }, Options(ct));
            var batches = new List<ObservationBatch>();
            while (batches.Count < maxBatches && await call.ResponseStream.MoveNext(ct))
            {
                batches.Add(call.ResponseStream.Current);
            }

            return batches;
        }, cancellationToken);

    public Task<EvaluateAlignmentResponse> EvaluateAlignmentAsync(string programmeId, CancellationToken cancellationToken) =>
        Idempotent(ct => _channel.UnaryAsync(Evaluate, new EvaluateAlignmentRequest { ProgrammeId = programmeId }, Options(ct)), cancellationToken);

    public async Task ShutdownAsync(CancellationToken cancellationToken) =>
        await _policy.Calls.ExecuteAsync(async ct => await _channel.UnaryAsync(Shutdown, new ShutdownRequest(), Options(ct)), cancellationToken);

    /// <summary>
    /// Forwards a staff system's call to the module's own service as it came, adding the launch secret. No
    /// retries (the caller's call may not be idempotent) and no attempt timeout (the caller's deadline
    /// travels in grpc-timeout and the module enforces it).
    /// </summary>
    public Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_secretValue is not null)
        {
            request.Headers.TryAddWithoutValidation(PluginProtocol.SecretHeader, _secretValue);
        }

        return _channel.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _channel.Dispose();

    private Task<T> Idempotent<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _policy.Retries.ExecuteAsync(async outer => await _policy.Calls.ExecuteAsync(async inner => await call(inner), outer), cancellationToken).AsTask();

    private CallOptions Options(CancellationToken cancellationToken) => new() { Headers = _secret, CancellationToken = cancellationToken };
}
