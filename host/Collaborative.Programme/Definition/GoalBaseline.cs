using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Where a goal started. <see cref="Value"/> is the figure people quote; <see cref="From"/> and
/// <see cref="Periods"/> select the points SPC limits are calculated from (the first <see cref="Periods"/>
/// observed points at or after <see cref="From"/>); limits stay fixed after the baseline until a
/// declared change.
/// </summary>
public sealed record GoalBaseline
{
    public double? Value { get; init; }

    public Period? From { get; init; }

    public int? Periods { get; init; }
}
