namespace Collaborative.Grains;

/// <summary>Options for <see cref="Grain.RegisterGrainTimer{TState}"/>.</summary>
/// <param name="DueTime">Time until the first tick.</param>
/// <param name="Period">Time between the end of one tick's callback and the next tick; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Whether ticks may interleave with calls (and calls with ticks). Default <see langword="false"/>.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity for idle collection. Default <see langword="false"/>.</summary>
    public bool KeepAlive { get; init; }
}
