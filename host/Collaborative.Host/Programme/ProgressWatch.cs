using System.Threading.Channels;
using Collaborative.Grains.Abstractions;
using Polly;
using Polly.Retry;

namespace Collaborative.Host.Programme;

/// <summary>
/// One watcher of a measure (and of the programme) for a WatchProgress stream or a dashboard page: a grain
/// observer, so a change recorded on any host of the cluster reaches it. Signals only: each signal means
/// "re-read progress", and a burst coalesces into one. Dispose to stop.
/// </summary>
/// <remarks>
/// A grain keeps its observers in memory, so when the host holding it dies the activation that replaces it on a
/// survivor knows none of them. The watch therefore subscribes again, and signals, as soon as the cluster declares
/// a host dead (and on its regular renewal), retrying until the grain answers from its new host.
/// </remarks>
public sealed class ProgressWatch : IProgressWatcher, IAsyncDisposable
{
    // Until the cluster has declared the dead host dead (seconds), a subscription to a grain it held fails: try
    // again soon, then less often, until the grain answers or the watch is disposed.
    private static readonly ResiliencePipeline s_subscribing = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException and not OutOfMemoryException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _resubscribe = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly ProgrammeScope _programme;
    private readonly string _measureId;
    private IProgressWatcher? _reference;
    private Task _renewal = Task.CompletedTask;
    private Task _departures = Task.CompletedTask;

    private ProgressWatch(IGrainFactory grains, IClusterMembershipService membership, ProgrammeScope programme, string measureId) =>
        (_grains, _membership, _programme, _measureId) = (grains, membership, programme, measureId);

    internal static async Task<ProgressWatch> StartAsync(IGrainFactory grains, IClusterMembershipService membership, ProgrammeScope programme, string measureId)
    {
        var watch = new ProgressWatch(grains, membership, programme, measureId);
        watch._reference = grains.CreateObjectReference<IProgressWatcher>(watch);
        await watch.SubscribeAsync(watch._reference);
        watch._departures = watch.ResubscribeWhenAHostDiesAsync();
        watch._renewal = watch.RenewAsync(watch._reference);
        return watch;
    }

    /// <summary>Completes at the next change after the last one waited for.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _changes.Reader.ReadAsync(cancellationToken);

    /// <summary>
    /// Waits for the next change and returns <paramref name="read"/>'s result. A read that cannot reach a grain (its
    /// host died and the cluster has not yet declared it dead, so the grain has not moved) waits for the next signal,
    /// which the watch gives once it has subscribed again to the grain on its new host, and reads again.
    /// </summary>
    public async Task<T> ReadAfterNextChangeAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        while (true)
        {
            await WaitAsync(cancellationToken);
            try
            {
                return await read();
            }
            catch (Exception ex) when (ex is OrleansMessageRejectionException or TimeoutException)
            {
                // SiloUnavailableException (a rejection) or a call the dead host never answered: ask for a new
                // subscription now rather than at the next renewal, in case the cluster already moved the grain.
                _resubscribe.Writer.TryWrite(true);
            }
        }
    }

    void IProgressWatcher.MeasureChanged(string measureId, long sequence) => _changes.Writer.TryWrite(true);

    void IProgressWatcher.ProgrammeChanged(long version) => _changes.Writer.TryWrite(true);

    void IProgressWatcher.MethodChanged(long version) => _changes.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        await _departures;
        if (_reference is { } reference)
        {
            try
            {
                await Task.WhenAll(Measure.UnsubscribeAsync(reference), Programme.UnsubscribeAsync(reference), Method.UnsubscribeAsync(reference));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The host is stopping or the grain is gone: the subscription lapses on its own.
            }

            _grains.DeleteObjectReference<IProgressWatcher>(reference);
        }

        _stop.Dispose();
    }

    private IMeasureGrain Measure => _grains.GetGrain<IMeasureGrain>(_programme.MeasureKey(_measureId));

    private IProgrammeGrain Programme => _grains.GetGrain<IProgrammeGrain>(_programme.GrainKey);

    private IProgrammeMethodGrain Method => _grains.GetGrain<IProgrammeMethodGrain>(_programme.GrainKey);

    private Task SubscribeAsync(IProgressWatcher reference) =>
        Task.WhenAll(Measure.SubscribeAsync(reference), Programme.SubscribeAsync(reference), Method.SubscribeAsync(reference));

    /// <summary>
    /// Subscriptions lapse unless renewed; renewing also subscribes again after a grain moved hosts, at once when
    /// asked (a host died, or a read found a grain unreachable), else every <see cref="ProgressSubscriptions.Renewal"/>.
    /// </summary>
    private async Task RenewAsync(IProgressWatcher reference)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using (var due = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    due.CancelAfter(ProgressSubscriptions.Renewal);
                    try
                    {
                        await _resubscribe.Reader.ReadAsync(due.Token);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        // The regular renewal is due.
                    }
                }

                await s_subscribing.ExecuteAsync(async _ => await SubscribeAsync(reference), _stop.Token);
                _changes.Writer.TryWrite(true); // a change while the grain moved would otherwise go unheard
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Asks for a new subscription each time the cluster declares a host dead: the grains it held have moved.</summary>
    private async Task ResubscribeWhenAHostDiesAsync()
    {
        HashSet<SiloAddress>? dead = null;
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                var now = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
                if (dead is not null && !now.IsSubsetOf(dead))
                {
                    _resubscribe.Writer.TryWrite(true);
                }

                dead = now;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the membership updates end by throwing, which must not stop the watch unsubscribing.
        }
    }
}
