using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Spc;

/// <summary>One point of the chart with what the rules found on it.</summary>
public sealed record ProgressPoint
{
    public required Period Period { get; init; }

    public required double Value { get; init; }

    /// <summary>|value − previous value|; null for the first point and after a gap.</summary>
    public double? MovingRange { get; init; }

    public required int Segment { get; init; }

    public bool InBaseline { get; init; }

    public SpcSignals Signals { get; init; }

    public SpecialCause SpecialCause { get; init; }
}
