using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Definition;

/// <summary>
/// A change to the process declared by the goal team (a new pathway, a service launched). SPC limits are
/// recalculated from this period on, from the first <see cref="BaselinePeriods"/> points (all when absent).
/// </summary>
public sealed record ProcessChange
{
    public required Period Period { get; init; }

    public string Reason { get; init; } = string.Empty;

    public int? BaselinePeriods { get; init; }
}
