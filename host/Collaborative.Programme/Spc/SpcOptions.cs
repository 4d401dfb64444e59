using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Spc;

/// <summary>How to read a series: which way is better, the target, the baseline and declared changes.</summary>
public sealed record SpcOptions
{
    public ImprovementDirection Direction { get; init; } = ImprovementDirection.None;

    public double? Target { get; init; }

    /// <summary>First period of the baseline; default: the first point.</summary>
    public Period? BaselineFrom { get; init; }

    /// <summary>How many points (from <see cref="BaselineFrom"/>) the first limits are calculated from; default: all of the first segment.</summary>
    public int? BaselinePoints { get; init; }

    /// <summary>Declared changes; limits are recalculated from each.</summary>
    public ImmutableArray<ProcessChange> Recalculations { get; init; } = [];
}
