using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.Timers;

/// <summary>The activation's view of its timers: it starts them and disposes them on deactivation.</summary>
internal abstract class GrainTimerBase : IGrainTimer, IActivationWork
{
    public abstract bool Interleave { get; }

    public bool ReadOnly => false;

    public abstract bool IsAbandoned { get; }

    public abstract void Start(GrainActivation activation);

    public abstract void Change(TimeSpan dueTime, TimeSpan period);

    public abstract void Dispose();

    // A tick queued on an activation that went away dies with it: timers belong to one activation.
    public void Reroute(GrainRuntime runtime, Exception? activationFailure)
    {
    }

    internal abstract void Start();
}
