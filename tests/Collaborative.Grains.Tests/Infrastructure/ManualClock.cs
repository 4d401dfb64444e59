namespace Collaborative.Grains.Tests.Infrastructure;

/// <summary>Real time plus an offset a test can advance: idle ages become deterministic, while timers (which
/// the base class creates on the real clock) keep running.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, (long)(by.TotalSeconds * TimestampFrequency));

    public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _offsetTicks);
}
