namespace Collaborative.Grains.Abstractions;

/// <summary>
/// A watcher of live progress (a WatchProgress stream, a dashboard page) on any host. Signals only: the
/// watcher re-reads progress, so a slow watcher never holds up a write and a burst coalesces.
/// </summary>
public interface IProgressWatcher : IGrainObserver
{
    /// <summary>The measure recorded new observations; <paramref name="sequence"/> is its observation count.</summary>
    void MeasureChanged(string measureId, long sequence);

    /// <summary>The programme definition changed to <paramref name="version"/>.</summary>
    void ProgrammeChanged(long version);

    /// <summary>The programme's method records (PDSA cycles, annotations, scores, learning events) reached <paramref name="version"/>.</summary>
    void MethodChanged(long version);
}
