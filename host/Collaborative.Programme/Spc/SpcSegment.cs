using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Spc;

/// <summary>
/// A stretch of the chart with one set of limits: from the first point (or a declared change) to the
/// next change. The limits come from the baseline points; without enough of them the segment shows the
/// run only and <see cref="NoLimitsReason"/> says why.
/// </summary>
public sealed record SpcSegment
{
    public required int Index { get; init; }

    public required Period From { get; init; }

    public required Period To { get; init; }

    public required int PointCount { get; init; }

    public Period? BaselineFrom { get; init; }

    public Period? BaselineTo { get; init; }

    public int BaselinePointCount { get; init; }

    public ControlLimits? Limits { get; init; }

    public string? NoLimitsReason { get; init; }

    /// <summary>Why the limits were recalculated here (the declared change), for segments after the first.</summary>
    public string? ChangeReason { get; init; }
}
