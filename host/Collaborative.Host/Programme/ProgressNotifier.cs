using System.Threading.Channels;

namespace Collaborative.Host.Programme;

/// <summary>
/// Tells watchers (WatchProgress streams, the dashboard's live updates) that a measure, or the whole
/// programme, changed. Signals only: each watcher re-reads progress, so a slow watcher never holds up
/// a write and a burst of observations coalesces into one refresh.
/// </summary>
public sealed class ProgressNotifier
{
    private readonly Lock _sync = new();
    private readonly List<Watcher> _watchers = [];

    /// <summary>Watches changes of <paramref name="measureId"/> (and of the programme). Dispose to stop.</summary>
    public Watcher Watch(string measureId)
    {
        var watcher = new Watcher(this, measureId);
        lock (_sync)
        {
            _watchers.Add(watcher);
        }

        return watcher;
    }

    internal void MeasureChanged(string measureId) => Signal(w => w.MeasureId == measureId);

    internal void ProgrammeChanged() => Signal(_ => true);

    private void Signal(Func<Watcher, bool> which)
    {
        lock (_sync)
        {
            foreach (var watcher in _watchers.Where(which))
            {
                watcher.Changes.Writer.TryWrite(true);
            }
        }
    }

    private void Remove(Watcher watcher)
    {
        lock (_sync)
        {
            _watchers.Remove(watcher);
        }
    }

    /// <summary>One subscription; <see cref="WaitAsync"/> completes at the next change.</summary>
    public sealed class Watcher(ProgressNotifier owner, string measureId) : IDisposable
    {
        internal Channel<bool> Changes { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public string MeasureId { get; } = measureId;

        public async Task WaitAsync(CancellationToken cancellationToken) => await Changes.Reader.ReadAsync(cancellationToken);

        public void Dispose() => owner.Remove(this);
    }
}
