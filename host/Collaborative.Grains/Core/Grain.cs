using Collaborative.Grains.Runtime;
using Collaborative.Grains.Timers;

namespace Collaborative.Grains;

/// <summary>
/// Base class of grain implementations (Orleans' <c>Grain</c>). The runtime creates each instance through DI, one per
/// activation; constructor parameters are services, <see cref="IGrainFactory"/>, or
/// <see cref="IPersistentState{TState}"/> marked with <see cref="PersistentStateAttribute"/>.
/// </summary>
public abstract class Grain : IAddressable
{
    /// <summary>Binds the new instance to the activation the runtime is creating.</summary>
    /// <exception cref="InvalidOperationException">The grain was constructed outside the runtime.</exception>
    protected Grain()
    {
        // Orleans reads the activation from an ambient context during construction, so grain classes need no
        // base-constructor arguments; we do the same.
        Activation = GrainActivation.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} is a grain: the runtime creates it. Use IGrainFactory.GetGrain<T>(key) instead of new.");
    }

    internal GrainActivation Activation { get; }

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime;

    /// <summary>Runs once per activation after persistent state is read, before the first call. An exception fails the
    /// activation: waiting callers receive it and the next call tries again.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation is deactivated (idle, shutdown, requested), after its last call.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation as soon as the current call completes; later calls get a new activation.</summary>
    protected void DeactivateOnIdle() =>
        Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Starts a timer owned by this activation. Each tick is a turn of the grain (not interleaved with calls);
    /// the next tick is due <paramref name="period"/> after the previous callback's task completes. Ticks do not keep
    /// the activation alive; the timer stops when the activation deactivates.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Starts a timer owned by this activation, with explicit <see cref="GrainTimerCreationOptions"/>.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(new GrainTimer<TState>(Activation, callback, state, options));
    }
}
