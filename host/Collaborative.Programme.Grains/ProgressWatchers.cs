using Collaborative.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Collaborative.Programme.Grains;

/// <summary>
/// A grain's subscribed watchers, on any host. A subscription lapses unless renewed
/// (<see cref="ProgressSubscriptions"/>), so a host that died without unsubscribing stops costing messages.
/// </summary>
internal sealed class ProgressWatchers(ILogger log)
{
    private readonly ObserverManager<IProgressWatcher> _watchers = new(ProgressSubscriptions.Lapse, log);

    public void Subscribe(IProgressWatcher watcher) => _watchers.Subscribe(watcher, watcher);

    public void Unsubscribe(IProgressWatcher watcher) => _watchers.Unsubscribe(watcher);

    /// <summary>One-way messages: a watcher's host never holds up the grain that signals it.</summary>
    public void Notify(Action<IProgressWatcher> signal) => _watchers.Notify(signal);
}
