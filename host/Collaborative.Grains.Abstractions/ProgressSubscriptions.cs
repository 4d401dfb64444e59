namespace Collaborative.Grains.Abstractions;

/// <summary>How long an <see cref="IProgressWatcher"/> subscription lasts, and how often a watcher renews it.</summary>
public static class ProgressSubscriptions
{
    /// <summary>A subscription not renewed for this long lapses, so a host that died stops costing messages.</summary>
    public static readonly TimeSpan Lapse = TimeSpan.FromMinutes(5);

    /// <summary>Well within <see cref="Lapse"/>: one missed renewal never loses a watcher.</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);
}
