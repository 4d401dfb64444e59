using System.Collections.Concurrent;
using System.Threading.Channels;
using Collaborative.Grpc.Server;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Grpc.Health;

/// <summary>
/// The standard health service (grpc/grpc doc/health-checking.md). The owner sets a status per service
/// name; "" stands for the server as a whole. Check answers NOT_FOUND for an unknown name; Watch streams
/// the current status and every change, SERVICE_UNKNOWN while a name is unknown.
/// </summary>
public sealed class HealthService
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<ServingStatus>, byte>> _watchers = new(StringComparer.Ordinal);

    public HealthService()
    {
        _statuses[""] = ServingStatus.Serving;
    }

    /// <summary>Serve this with <c>AddService(health, Health.Descriptor)</c>.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => Collaborative.Contracts.ServiceDescriptors.Health;

    public void SetStatus(string service, ServingStatus status)
    {
        _statuses[service] = status;
        Notify(service, status);
    }

    public void ClearStatus(string service)
    {
        _statuses.TryRemove(service, out _);
        Notify(service, ServingStatus.ServiceUnknown);
    }

    /// <summary>Marks every known service NOT_SERVING (on shutdown), so watchers learn at once.</summary>
    public void Shutdown()
    {
        foreach (var service in _statuses.Keys)
        {
            SetStatus(service, ServingStatus.NotServing);
        }
    }

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        _statuses.TryGetValue(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var updates = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var watchers = _watchers.GetOrAdd(request.Service, _ => new ConcurrentDictionary<Channel<ServingStatus>, byte>());
        watchers[updates] = 0;
        try
        {
            var last = _statuses.TryGetValue(request.Service, out var current) ? current : ServingStatus.ServiceUnknown;
            await responseStream.WriteAsync(new HealthCheckResponse { Status = last }).ConfigureAwait(false);
            await foreach (var status in updates.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                // Spec: send only changes.
                if (status != last)
                {
                    last = status;
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status }).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            watchers.TryRemove(updates, out _);
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var watchers))
        {
            foreach (var watcher in watchers.Keys)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
