using Collaborative.Grains.Runtime;
using Microsoft.Extensions.Logging;

namespace Collaborative.Grains.Timers;

/// <summary>
/// A timer owned by one activation. A tick is queued as work on the activation, so its callback is a turn like a call;
/// the next tick is armed only after the callback's task completes, so ticks never overlap (Orleans 8 semantics).
/// </summary>
internal sealed class GrainTimer<TState>(GrainActivation activation, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    : GrainTimerBase
{
    private static readonly Action<Task, object?> s_onCallbackCompleted =
        static (task, timer) => ((GrainTimer<TState>)timer!).OnCallbackCompleted(task);

    private readonly CancellationTokenSource _stopped = new();
    private TimeSpan _dueTime = options.DueTime;
    private TimeSpan _period = options.Period;
    private ITimer? _timer;
    private int _disposed;

    public override bool Interleave { get; } = options.Interleave || activation.GrainClass.Reentrant;

    public override bool IsAbandoned => Volatile.Read(ref _disposed) != 0;

    public override void Start(GrainActivation target)
    {
        var task = target.RunTurn(static (_, timer) => timer.InvokeCallback(), this, caller: null);
        if (task.IsCompleted)
        {
            OnCallbackCompleted(task);
        }
        else
        {
            task.ContinueWith(s_onCallbackCompleted, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public override void Change(TimeSpan dueTime, TimeSpan period)
    {
        _dueTime = dueTime;
        _period = period;
        _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _stopped.Cancel();
        activation.RemoveTimer(this);
    }

    internal override void Start() =>
        _timer = activation.Runtime.TimeProvider.CreateTimer(
            static timer => ((GrainTimer<TState>)timer!).OnDue(), this, _dueTime, Timeout.InfiniteTimeSpan);

    private Task InvokeCallback() => callback(state, _stopped.Token);

    private void OnDue()
    {
        if (!IsAbandoned)
        {
            activation.Enqueue(this);
        }
    }

    private void OnCallbackCompleted(Task task)
    {
        if (task.IsFaulted)
        {
            activation.Runtime.Logger.LogWarning(task.Exception, "A timer callback of grain {Grain} failed.", activation.Id);
        }

        activation.OnWorkCompleted(Interleave, readOnly: false, task, countsAsActivity: options.KeepAlive);
        if (!IsAbandoned && _period != Timeout.InfiniteTimeSpan)
        {
            _timer?.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }
}
