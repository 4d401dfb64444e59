using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Alignment.Rules;

/// <summary>
/// The chart has said something new (special cause in a period ending after the diagram's review) and
/// the diagram has not been looked at for <c>months</c>: the theory of change should meet the data.
/// </summary>
internal sealed class GoalDriverDiagramNotReviewedRule : AlignmentRule
{
    public const string Months = "months";

    public override string Id => "goal.driver-diagram-not-reviewed";

    public override string PrincipleId => Principle.ImprovementMindset;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A driver diagram has not been reviewed for six months while the goal's chart shows special cause";

    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(Months, 6, new SettingRange(1, 120))];

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        var months = applied.Parameter(Months);
        var reviewedBy = context.AsOf.AddMonths(-months);
        var progress = context.Progress.ToDictionary(p => p.GoalId, StringComparer.Ordinal);
        foreach (var goal in context.Programme.Goals)
        {
            if (goal.DriverDiagram is not { } diagram || diagram.Reviewed >= reviewedBy || !progress.TryGetValue(goal.Id, out var goalProgress))
            {
                continue;
            }

            var signal = goalProgress.Report.Points.LastOrDefault(p =>
                p.SpecialCause != SpecialCause.None && (diagram.Reviewed is not { } reviewed || p.Period.End > reviewed));
            if (signal is null)
            {
                continue;
            }

            var cause = signal.SpecialCause.HasFlag(SpecialCause.Improvement) ? "improvement"
                : signal.SpecialCause.HasFlag(SpecialCause.Concern) ? "concern" : "a change";
            yield return applied.Finding("goal", goal.Id,
                $"Goal '{goal.Title}' shows special cause ({cause}) at {signal.Period.Label}, and its driver diagram {(diagram.Reviewed is { } day ? $"was last reviewed on {day:yyyy-MM-dd}" : "has no review date")}.",
                "A clear theory of change is reviewed in the light of data: special cause says something changed, and the drivers and ideas should say why.",
                "Review the driver diagram with the goal team against the chart: keep, add or drop drivers and ideas, and record the review date.");
        }
    }
}
