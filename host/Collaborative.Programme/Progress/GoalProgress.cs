using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Progress;

/// <summary>Where one shared goal stands: its measure's SPC reading and the latest value against the target.</summary>
public sealed record GoalProgress
{
    public required string GoalId { get; init; }

    public required string MeasureId { get; init; }

    public required ProgressReport Report { get; init; }

    public double? Target { get; init; }

    public DateOnly? TargetDate { get; init; }

    public double? LatestValue => Report.Latest?.Value;

    /// <summary>Whether the latest value meets the target; null without a value, a target or a direction.</summary>
    public bool? LatestMeetsTarget => (LatestValue, Target, Report.Direction) switch
    {
        ({ } value, { } target, ImprovementDirection.Higher) => value >= target,
        ({ } value, { } target, ImprovementDirection.Lower) => value <= target,
        _ => null,
    };
}
