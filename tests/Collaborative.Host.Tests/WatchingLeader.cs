using Collaborative.Contracts.V1;
using Grpc.Core;

namespace Collaborative.Host.Tests;

/// <summary>A leader's WatchProgress stream on one host, read in the background: each progress it is pushed, and when.</summary>
internal sealed class WatchingLeader : IAsyncDisposable
{
    private static readonly Method<WatchProgressRequest, GoalProgress> WatchProgress = GrpcTestCalls.Method<WatchProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "WatchProgress");

    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTime At, int Points)> _pushed = [];
    private readonly AsyncServerStreamingCall<GoalProgress> _call;
    private readonly HostProcess _host;
    private readonly Task _reading;
    private Exception? _ended;

    private WatchingLeader(HostProcess host, string goalId)
    {
        _host = host;
        _call = host.Channel.AsyncServerStreamingCall(WatchProgress, new WatchProgressRequest { GoalId = goalId }, new CallOptions(cancellationToken: _stop.Token));
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts watching <paramref name="goalId"/> on <paramref name="host"/>.</summary>
    public static WatchingLeader Start(HostProcess host, string goalId) => new(host, goalId);

    /// <summary>
    /// Waits until the leader has been pushed progress with at least <paramref name="points"/> points, for up to
    /// <paramref name="within"/> (polled); fails if it was not, or the stream ended. Returns when it was first pushed.
    /// </summary>
    public async Task<DateTime> PushedWithinAsync(int points, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            lock (_pushed)
            {
                if (_pushed.FirstOrDefault(p => p.Points >= points) is { At: var at } && at != default)
                {
                    return at;
                }
            }

            Assert.False(_reading.IsCompleted, $"The watch on {_host.Target} ended: {_ended?.Message ?? "without an error"}. Its host's output:\n{_host.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The watcher on {_host.Target} was not pushed {points} points within {within.TotalSeconds} s; it has {Latest}. Its host's output:\n{_host.Output}");
            await Task.Delay(10);
        }
    }

    private int Latest
    {
        get
        {
            lock (_pushed)
            {
                return _pushed.Count == 0 ? -1 : _pushed[^1].Points;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _call.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                lock (_pushed)
                {
                    _pushed.Add((DateTime.UtcNow, _call.ResponseStream.Current.Points.Count));
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException)
        {
            _ended = ex;
        }
    }
}
