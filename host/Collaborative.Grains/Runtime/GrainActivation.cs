using Collaborative.Grains.Concurrency;
using Collaborative.Grains.References;
using Collaborative.Grains.Timers;
using Microsoft.Extensions.Logging;

namespace Collaborative.Grains.Runtime;

/// <summary>
/// One activation of one grain: its instance, its mailbox and its turn scheduler.
/// <para>
/// Two locks in one, both guarded by <c>lock (this)</c> (the object is internal, so nobody else can lock it):
/// the <b>gate</b> admits requests (non-reentrant: one at a time, in arrival order; read-only with read-only;
/// interleaving ones any time) and the <b>turn</b> (<see cref="_executing"/>) lets at most one thread run grain code at
/// a time. The activation is also the grain's <see cref="SynchronizationContext"/>, so every <c>await</c> in grain code
/// resumes as a turn of this activation, as in Orleans.
/// </para>
/// <para>
/// Hot path: when the gate and the turn are free and nothing is queued, the caller's thread runs the grain method
/// itself (no queueing, no allocation beyond the call-chain link); a method that completes synchronously costs two
/// uncontended lock round trips.
/// </para>
/// </summary>
internal sealed class GrainActivation : SynchronizationContext, IThreadPoolWorkItem
{
    // Yield the thread after this many turns, so one busy activation cannot starve the others.
    private const int MaxTurnsPerDispatch = 64;

    // A chain of inline calls A→B→C… runs on one stack; past this depth calls are queued instead.
    private const int MaxInlineDepth = 8;

    private static readonly object s_lifecycleStep = new();

    [ThreadStatic]
    private static GrainActivation? t_constructing;

    [ThreadStatic]
    private static int t_inlineDepth;

    private readonly GrainClassInfo _class;
    private volatile Phase _phase;
    private bool _executing;
    private bool _shutdownQueued;
    private int _running;
    private int _runningExclusive;
    private long _lastActive;
    private Grain? _grain;
    private Queue<IActivationWork>? _pending;
    private Queue<ReadyItem>? _ready;
    private DeactivationReason? _deactivation;
    private List<GrainTimerBase>? _timers;
    private TaskCompletionSource? _deactivated;
    private CallChain? _rootChain;

    internal GrainActivation(GrainRuntime runtime, GrainClassInfo grainClass, GrainId id)
    {
        Runtime = runtime;
        _class = grainClass;
        Id = id;
        _lastActive = runtime.NowMilliseconds();
    }

    private enum Phase : byte
    {
        Created,
        Activating,
        Valid,
        Deactivating,
        Defunct,
    }

    internal static GrainActivation? Constructing => t_constructing;

    internal GrainRuntime Runtime { get; }

    internal GrainId Id { get; }

    internal GrainClassInfo GrainClass => _class;

    internal bool IsDefunct => _phase == Phase.Defunct;

    /// <summary>The chain of code running in this activation for a call from outside any grain (made on first use).</summary>
    internal CallChain RootChain => _rootChain ??= new CallChain(Id, null);

    internal static ConstructionScope BeginConstruction(GrainActivation activation)
    {
        t_constructing = activation;
        return default;
    }

    /// <summary>A call from a grain reference. Returns the caller's task: the grain's own task when it ran inline.</summary>
    internal Task Call(GrainInterfaceInfo target, GrainMethodInvoker invoker, object?[]? args, CallChain? chain, bool retryConflicts)
    {
        var interleave = invoker.AlwaysInterleave || _class.Reentrant;
        var readOnly = invoker.ReadOnly;
        var inline = false;
        if (t_inlineDepth < MaxInlineDepth)
        {
            lock (this)
            {
                if (_phase == Phase.Valid && !_executing && _deactivation is null && _pending is not { Count: > 0 }
                    && _ready is not { Count: > 0 } && CanAdmit(interleave, readOnly))
                {
                    _executing = true;
                    Admit(interleave, readOnly);
                    inline = true;
                }
            }
        }

        if (!inline)
        {
            var call = invoker.CreateCall(Runtime, target, Id, args, chain, retryConflicts);
            Enqueue(call);
            return call.Task;
        }

        var task = RunTurn(static (grain, s) => s.invoker.InvokeGrain(grain, s.args), (invoker, args), chain);
        if (task.IsCompleted)
        {
            var conflict = OnWorkCompleted(interleave, readOnly, task, countsAsActivity: true, exitTurn: true);
            if (conflict && retryConflicts && Runtime.ConflictPipeline is not null)
            {
                var retry = invoker.CreateCall(Runtime, target, Id, args, chain, retryConflicts);
                retry.RetryAfterConflict(task);
                return retry.Task;
            }

            return task;
        }

        var pending = invoker.CreateCall(Runtime, target, Id, args, chain, retryConflicts);
        ExitTurn();
        pending.AwaitStarted(this, task);
        return pending.Task;
    }

    /// <summary>Runs one segment of grain code as a turn on the current thread (the caller holds the turn).</summary>
    internal Task RunTurn<TState>(Func<Grain, TState, Task> body, TState state, CallChain? caller)
    {
        var previousContext = Current;
        SetSynchronizationContext(this);

        // From outside any grain (caller null) the context alone implies the chain [this]; see CallChain.
        ExecutionContext? previousExecution = null;
        var previousChain = caller is null ? null : CallChain.Explicit;
        if (caller is not null)
        {
            previousExecution = ExecutionContext.Capture();
            CallChain.Explicit = new CallChain(Id, caller);
        }

        t_inlineDepth++;
        try
        {
            return body(_grain!, state);
        }
        catch (Exception e)
        {
            return Task.FromException(e); // a non-async grain method that throws still answers through its task
        }
        finally
        {
            t_inlineDepth--;
            if (previousExecution is not null)
            {
                ExecutionContext.Restore(previousExecution); // undoes the chain link without allocating again
            }
            else if (caller is not null)
            {
                CallChain.Explicit = previousChain; // execution-context flow was suppressed by the caller
            }

            SetSynchronizationContext(previousContext);
        }
    }

    /// <summary>Queues work; it runs when the gate admits it (activating the grain first if needed).</summary>
    internal void Enqueue(IActivationWork work)
    {
        var schedule = false;
        var reroute = false;
        lock (this)
        {
            switch (_phase)
            {
                case Phase.Created:
                    _phase = Phase.Activating;
                    (_pending ??= new()).Enqueue(work);
                    EnqueueReady(new ReadyItem(s_lifecycleStep, null), ref schedule);
                    break;
                case Phase.Valid when _deactivation is null && (work.Interleave || _pending is not { Count: > 0 })
                                      && CanAdmit(work.Interleave, work.ReadOnly):
                    Admit(work.Interleave, work.ReadOnly);
                    EnqueueReady(new ReadyItem(work, null), ref schedule);
                    break;
                case Phase.Defunct:
                    reroute = true;
                    break;
                default:
                    (_pending ??= new()).Enqueue(work);
                    break;
            }
        }

        if (reroute)
        {
            work.Reroute(Runtime, activationFailure: null);
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    /// <summary>Work admitted by the gate finished. Returns whether it failed with this grain's own stale-ETag
    /// conflict, in which case the activation is already marked for deactivation.</summary>
    internal bool OnWorkCompleted(bool interleave, bool readOnly, Task task, bool countsAsActivity, bool exitTurn = false)
    {
        var conflict = task.IsFaulted && task.Exception!.InnerException is InconsistentStateException { GrainId: { } conflicted } && conflicted == Id;
        var schedule = false;
        lock (this)
        {
            _running--;
            if (!interleave && !readOnly)
            {
                _runningExclusive--;
            }

            if (countsAsActivity)
            {
                _lastActive = Runtime.NowMilliseconds();
            }

            if (conflict)
            {
                // The in-memory state is stale: the next call must see a fresh activation (Orleans does the same).
                _deactivation ??= new DeactivationReason(DeactivationReasonCode.ApplicationError, "A write found a stale ETag.");
            }

            if (exitTurn)
            {
                ExitTurnLocked(ref schedule);
            }

            Pump(ref schedule);
        }

        if (schedule)
        {
            Dispatch();
        }

        return conflict;
    }

    /// <summary>Deactivates once nothing is running; queued calls go to the next activation.</summary>
    internal void RequestDeactivation(DeactivationReason reason)
    {
        var schedule = false;
        lock (this)
        {
            if (_phase is Phase.Activating or Phase.Valid && _deactivation is null)
            {
                _deactivation = reason;
                Pump(ref schedule);
            }
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    internal void CollectIfIdle(long now, long ageMilliseconds)
    {
        var schedule = false;
        var forget = false;
        lock (this)
        {
            if (now - _lastActive < ageMilliseconds)
            {
                return;
            }

            if (_phase == Phase.Created)
            {
                // Created by a lookup whose call never arrived: nothing to deactivate.
                _phase = Phase.Defunct;
                forget = true;
            }
            else if (_phase == Phase.Valid && _running == 0 && !_executing && _deactivation is null && _pending is not { Count: > 0 })
            {
                _deactivation = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for more than {TimeSpan.FromMilliseconds(ageMilliseconds)}.");
                Pump(ref schedule);
            }
        }

        if (forget)
        {
            Runtime.Remove(this);
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    /// <summary>Shutdown: queued and running calls finish first, then the activation deactivates.</summary>
    internal Task DeactivateForShutdownAsync()
    {
        var schedule = false;
        Task done;
        lock (this)
        {
            if (_phase == Phase.Created)
            {
                _phase = Phase.Defunct;
            }

            if (_phase == Phase.Defunct)
            {
                done = Task.CompletedTask;
            }
            else
            {
                _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_phase != Phase.Deactivating && !_shutdownQueued)
                {
                    _shutdownQueued = true;
                    (_pending ??= new()).Enqueue(new DeactivationMarker(
                        new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The host is shutting down.")));
                    Pump(ref schedule);
                }

                done = _deactivated.Task;
            }
        }

        if (done.IsCompleted)
        {
            Runtime.Remove(this);
        }

        if (schedule)
        {
            Dispatch();
        }

        return done;
    }

    internal IGrainTimer RegisterTimer(GrainTimerBase timer)
    {
        lock (this)
        {
            if (_phase is Phase.Deactivating or Phase.Defunct)
            {
                throw new InvalidOperationException($"Grain {Id} is deactivating; it cannot start timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimerBase timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        var schedule = false;
        lock (this)
        {
            EnqueueReady(new ReadyItem(d, state), ref schedule);
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < MaxTurnsPerDispatch; i++)
            {
                ReadyItem item;
                lock (this)
                {
                    if (_ready is null || !_ready.TryDequeue(out item))
                    {
                        _executing = false;
                        return;
                    }
                }

                RunReady(item);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        Dispatch(); // still holding the turn: continue on another thread-pool visit
    }

    private void RunReady(ReadyItem item)
    {
        try
        {
            switch (item.Target)
            {
                case SendOrPostCallback continuation:
                    continuation(item.State);
                    break;
                case IActivationWork work:
                    work.Start(this);
                    break;
                default:
                    RunLifecycleStep(item);
                    break;
            }
        }
        catch (Exception e)
        {
            Runtime.Logger.LogError(e, "Unhandled exception in a turn of grain {Grain}.", Id);
        }
    }

    // Lifecycle code runs under this activation's context, so its chain is [this]: OnActivateAsync calling back into
    // itself through another grain is caught like any other cycle.
    private void RunLifecycleStep(ReadyItem item) =>
        _ = item.State is DeactivationReason reason ? DeactivateAsync(reason) : ActivateAsync();

    private async Task ActivateAsync()
    {
        try
        {
            var (grain, states) = _class.CreateInstance(this, Runtime.Services);
            _grain = grain;
            foreach (var state in states)
            {
                await state.ReadStateAsync(Runtime.StoppingToken);
            }

            await grain.OnActivateAsync(Runtime.StoppingToken);
        }
        catch (Exception e)
        {
            Runtime.Logger.LogWarning(e, "Activation of grain {Grain} failed; its waiting calls fail with the same exception.", Id);
            StopTimers();
            IActivationWork[] failed;
            lock (this)
            {
                _phase = Phase.Defunct;
                failed = TakePending();
            }

            Runtime.Remove(this);
            foreach (var work in failed)
            {
                work.Reroute(Runtime, e);
            }

            SignalDeactivated();
            return;
        }

        var schedule = false;
        lock (this)
        {
            _phase = Phase.Valid;
            _lastActive = Runtime.NowMilliseconds();
            Pump(ref schedule);
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        StopTimers();
        try
        {
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(reason, CancellationToken.None).WaitAsync(Runtime.Options.DeactivationTimeout);
            }
        }
        catch (Exception e)
        {
            Runtime.Logger.LogWarning(e, "OnDeactivateAsync of grain {Grain} failed ({Reason}).", Id, reason);
        }

        IActivationWork[] orphans;
        lock (this)
        {
            _phase = Phase.Defunct;
            orphans = TakePending();
        }

        Runtime.Remove(this);
        foreach (var work in orphans)
        {
            work.Reroute(Runtime, activationFailure: null);
        }

        SignalDeactivated();
    }

    private void SignalDeactivated()
    {
        TaskCompletionSource? deactivated;
        lock (this)
        {
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
    }

    private void StopTimers()
    {
        List<GrainTimerBase>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }

        foreach (var timer in timers ?? [])
        {
            timer.Dispose();
        }
    }

    private IActivationWork[] TakePending()
    {
        var pending = _pending?.ToArray() ?? [];
        _pending = null;
        return pending;
    }

    private void ExitTurn()
    {
        var schedule = false;
        lock (this)
        {
            ExitTurnLocked(ref schedule);
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    private void ExitTurnLocked(ref bool schedule)
    {
        if (_ready is { Count: > 0 })
        {
            schedule = true; // keep the turn and hand it to a thread-pool visit
        }
        else
        {
            _executing = false;
        }
    }

    private bool CanAdmit(bool interleave, bool readOnly) =>
        _running == 0 || interleave || (readOnly && _runningExclusive == 0);

    private void Admit(bool interleave, bool readOnly)
    {
        _running++;
        if (!interleave && !readOnly)
        {
            _runningExclusive++;
        }
    }

    /// <summary>Admits queued work in arrival order as far as the gate allows, or starts a requested deactivation.</summary>
    private void Pump(ref bool schedule)
    {
        if (_phase != Phase.Valid)
        {
            return;
        }

        if (_deactivation is { } requested)
        {
            if (_running == 0)
            {
                BeginDeactivation(requested, ref schedule);
            }

            return;
        }

        var pending = _pending;
        if (pending is null)
        {
            return;
        }

        while (pending.TryPeek(out var head))
        {
            if (head is DeactivationMarker marker)
            {
                if (_running == 0)
                {
                    pending.Dequeue();
                    BeginDeactivation(marker.Reason, ref schedule);
                }

                return;
            }

            if (head.IsAbandoned)
            {
                pending.Dequeue(); // its caller already timed out; Orleans drops expired messages too
                continue;
            }

            if (!CanAdmit(head.Interleave, head.ReadOnly))
            {
                return; // head-of-line: later arrivals wait, which keeps arrival order
            }

            pending.Dequeue();
            Admit(head.Interleave, head.ReadOnly);
            EnqueueReady(new ReadyItem(head, null), ref schedule);
        }
    }

    private void BeginDeactivation(DeactivationReason reason, ref bool schedule)
    {
        _phase = Phase.Deactivating;
        _deactivation = null;
        EnqueueReady(new ReadyItem(s_lifecycleStep, reason), ref schedule);
    }

    private void EnqueueReady(ReadyItem item, ref bool schedule)
    {
        (_ready ??= new()).Enqueue(item);
        if (!_executing)
        {
            _executing = true;
            schedule = true;
        }
    }

    private void Dispatch() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>Clears the ambient activation after the grain constructor ran.</summary>
    internal readonly struct ConstructionScope : IDisposable
    {
        public void Dispose() => t_constructing = null;
    }

    /// <summary>A continuation, a work item to start, or a lifecycle step (activate; deactivate with a reason).</summary>
    private readonly record struct ReadyItem(object Target, object? State);

    /// <summary>Queued behind everything that arrived before shutdown: drains those, then deactivates.</summary>
    private sealed class DeactivationMarker(DeactivationReason reason) : IActivationWork
    {
        public DeactivationReason Reason { get; } = reason;

        public bool Interleave => false;

        public bool ReadOnly => false;

        public bool IsAbandoned => false;

        public void Start(GrainActivation activation) => throw new InvalidOperationException("A marker is never started.");

        public void Reroute(GrainRuntime runtime, Exception? activationFailure)
        {
        }
    }
}
