using Collaborative.Grains.Concurrency;
using Collaborative.Grains.References;

namespace Collaborative.Grains.Runtime;

/// <summary>
/// A call on the slow path: queued behind other work, or started inline but not completed synchronously. It owns the
/// caller's answer: exactly one of the grain's result, the grain's exception (the same object), a timeout, or the
/// result of retrying after a stale-ETag conflict.
/// </summary>
internal abstract class GrainCall : IActivationWork
{
    private static readonly Action<Task, object?> s_onGrainTaskCompleted =
        static (task, state) => ((GrainCall)state!).OnGrainTaskCompleted(task);

    private readonly ITimer _responseTimer;
    private readonly bool _retryConflicts;
    private GrainActivation? _activation;
    private int _answered;

    protected GrainCall(GrainRuntime runtime, GrainInterfaceInfo target, GrainId id, GrainMethodInvoker invoker, object?[]? args, CallChain? chain, bool retryConflicts)
    {
        Runtime = runtime;
        Target = target;
        Id = id;
        Invoker = invoker;
        Args = args;
        Chain = chain;
        _retryConflicts = retryConflicts;
        Interleave = invoker.AlwaysInterleave || target.GrainClass.Reentrant;
        ReadOnly = invoker.ReadOnly;
        _responseTimer = runtime.TimeProvider.CreateTimer(
            static state => ((GrainCall)state!).OnResponseTimeout(), this, runtime.Options.ResponseTimeout, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }

    public bool ReadOnly { get; }

    public bool IsAbandoned => Volatile.Read(ref _answered) != 0;

    internal abstract Task Task { get; }

    protected GrainRuntime Runtime { get; }

    protected GrainInterfaceInfo Target { get; }

    protected GrainId Id { get; }

    protected GrainMethodInvoker Invoker { get; }

    protected object?[]? Args { get; }

    protected CallChain? Chain { get; }

    public void Start(GrainActivation activation)
    {
        var task = activation.RunTurn(static (grain, call) => call.Invoker.InvokeGrain(grain, call.Args), this, Chain);
        AwaitStarted(activation, task);
    }

    /// <summary>Completes this call when <paramref name="task"/> (the grain's task, already admitted on
    /// <paramref name="activation"/>) completes.</summary>
    internal void AwaitStarted(GrainActivation activation, Task task)
    {
        _activation = activation;
        if (task.IsCompleted)
        {
            OnGrainTaskCompleted(task);
        }
        else
        {
            // ExecuteSynchronously: release the gate right where the grain's task completes (inside its last turn).
            task.ContinueWith(s_onGrainTaskCompleted, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public void Reroute(GrainRuntime runtime, Exception? activationFailure)
    {
        if (activationFailure is not null)
        {
            AnswerException(activationFailure);
            return;
        }

        if (IsAbandoned)
        {
            return;
        }

        try
        {
            runtime.GetOrCreateActivation(Id, Target.GrainClass).Enqueue(this);
        }
        catch (Exception e)
        {
            AnswerException(e);
        }
    }

    /// <summary>The first attempt failed with this grain's stale-ETag conflict: retry on fresh activations.</summary>
    internal abstract void RetryAfterConflict(Task failedAttempt);

    protected abstract void SetAnswer(Task completed);

    protected abstract void SetAnswerException(Exception exception);

    protected bool TryClaimAnswer()
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return false;
        }

        _responseTimer.Dispose();
        return true;
    }

    protected void AnswerException(Exception exception)
    {
        if (TryClaimAnswer())
        {
            SetAnswerException(exception);
        }
    }

    private void OnGrainTaskCompleted(Task task)
    {
        var conflict = _activation!.OnWorkCompleted(Interleave, ReadOnly, task, countsAsActivity: true);
        if (conflict && _retryConflicts && Runtime.ConflictPipeline is not null && !IsAbandoned)
        {
            RetryAfterConflict(task);
            return;
        }

        if (TryClaimAnswer())
        {
            SetAnswer(task);
        }
    }

    private void OnResponseTimeout() => AnswerException(new TimeoutException(
        $"Response did not arrive on time in {Runtime.Options.ResponseTimeout} for {Invoker.DisplayName} on grain {Id}."));
}
