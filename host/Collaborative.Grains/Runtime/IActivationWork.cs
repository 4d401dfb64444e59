namespace Collaborative.Grains.Runtime;

/// <summary>Something an activation runs as a turn once its gate admits it: a call or a timer tick.</summary>
internal interface IActivationWork
{
    /// <summary>May run while other work is in flight (AlwaysInterleave, reentrant grain, interleaving timer).</summary>
    bool Interleave { get; }

    /// <summary>May run alongside other read-only work.</summary>
    bool ReadOnly { get; }

    /// <summary>The caller has gone (timed out): skip instead of running.</summary>
    bool IsAbandoned { get; }

    /// <summary>Runs the first segment, inside a turn of <paramref name="activation"/>. Must end with
    /// <see cref="GrainActivation.OnWorkCompleted"/> when the work's task completes.</summary>
    void Start(GrainActivation activation);

    /// <summary>The activation went away before running this: send it to the next activation, or fail it.</summary>
    void Reroute(GrainRuntime runtime, Exception? activationFailure);
}
