using System.Threading.Channels;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Host.Programme;

/// <summary>
/// One watcher of a measure (and of the programme) for a WatchProgress stream or a dashboard page: a grain
/// observer, so a change recorded on any host of the cluster reaches it. Signals only: each signal means
/// "re-read progress", and a burst coalesces into one. Dispose to stop.
/// </summary>
public sealed class ProgressWatch : IProgressWatcher, IAsyncDisposable
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly IGrainFactory _grains;
    private readonly ProgrammeScope _programme;
    private readonly string _measureId;
    private IProgressWatcher? _reference;
    private Task _renewal = Task.CompletedTask;

    private ProgressWatch(IGrainFactory grains, ProgrammeScope programme, string measureId) => (_grains, _programme, _measureId) = (grains, programme, measureId);

    internal static async Task<ProgressWatch> StartAsync(IGrainFactory grains, ProgrammeScope programme, string measureId)
    {
        var watch = new ProgressWatch(grains, programme, measureId);
        watch._reference = grains.CreateObjectReference<IProgressWatcher>(watch);
        await watch.SubscribeAsync(watch._reference);
        watch._renewal = watch.RenewAsync(watch._reference);
        return watch;
    }

    /// <summary>Completes at the next change after the last one waited for.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _changes.Reader.ReadAsync(cancellationToken);

    void IProgressWatcher.MeasureChanged(string measureId, long sequence) => _changes.Writer.TryWrite(true);

    void IProgressWatcher.ProgrammeChanged(long version) => _changes.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        if (_reference is { } reference)
        {
            try
            {
                await Task.WhenAll(Measure.UnsubscribeAsync(reference), Programme.UnsubscribeAsync(reference));
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

    private Task SubscribeAsync(IProgressWatcher reference) => Task.WhenAll(Measure.SubscribeAsync(reference), Programme.SubscribeAsync(reference));

    /// <summary>Subscriptions lapse unless renewed; renewing also re-subscribes after a grain moved hosts.</summary>
    private async Task RenewAsync(IProgressWatcher reference)
    {
        using var timer = new PeriodicTimer(ProgressSubscriptions.Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await SubscribeAsync(reference);
                    _changes.Writer.TryWrite(true); // a change while the grain moved would otherwise go unheard
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The next tick tries again, well before the subscription lapses.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
