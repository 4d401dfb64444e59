using System.Collections.Immutable;

namespace Collaborative.Programme.Spc;

/// <summary>
/// A measure's series read with Making Data Count: every point with its signals, the segments with
/// their limits, and the icons for the latest point. <see cref="Limits"/> are the latest segment's.
/// </summary>
public sealed record ProgressReport
{
    public required ImprovementDirection Direction { get; init; }

    public double? Target { get; init; }

    public ImmutableArray<ProgressPoint> Points { get; init; } = [];

    public ImmutableArray<SpcSegment> Segments { get; init; } = [];

    public ControlLimits? Limits { get; init; }

    public VariationIcon Variation { get; init; }

    public AssuranceIcon Assurance { get; init; }

    /// <summary>Why there are no limits or icons for the latest point (too few points, baseline too short).</summary>
    public string? NoLimitsReason { get; init; }

    /// <summary>Why there is no assurance icon, when there is none.</summary>
    public string? NoAssuranceReason { get; init; }

    public ProgressPoint? Latest => Points.IsEmpty ? null : Points[^1];
}
