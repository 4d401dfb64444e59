using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoBaselineRule : AlignmentRule
{
    public override string Id => "goal.no-baseline";

    public override string PrincipleId => Principle.ImprovementMindset;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal has no baseline, or fewer baseline points than SPC needs";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        const string Why = "Without enough baseline data before the change, nobody can tell improvement from ordinary variation.";
        var progress = context.Progress.ToDictionary(p => p.GoalId, StringComparer.Ordinal);
        foreach (var goal in context.Programme.Goals)
        {
            if (goal.Baseline is null || (goal.Baseline.Value is null && goal.Baseline.Periods is null && goal.Baseline.From is null))
            {
                yield return applied.Finding("goal", goal.Id, $"Goal '{goal.Title}' has no baseline.", Why,
                    $"Record the baseline: its value and the periods it covers (at least {XmrChart.MinimumPoints}).");
                continue;
            }

            if (goal.Baseline.Periods is { } periods && periods < XmrChart.MinimumPoints)
            {
                yield return applied.Finding("goal", goal.Id,
                    $"Goal '{goal.Title}' has a baseline of {periods} periods; SPC limits need at least {XmrChart.MinimumPoints}.", Why,
                    $"Widen the baseline to at least {XmrChart.MinimumPoints} periods.");
                continue;
            }

            var observed = progress.TryGetValue(goal.Id, out var p) && !p.Report.Segments.IsEmpty ? p.Report.Segments[0].BaselinePointCount : 0;
            if (observed < XmrChart.MinimumPoints)
            {
                yield return applied.Finding("goal", goal.Id,
                    $"Goal '{goal.Title}' has {observed} observed baseline point{(observed == 1 ? string.Empty : "s")}; SPC limits need at least {XmrChart.MinimumPoints}.", Why,
                    "Collect (or load the history of) the measure until the baseline has enough points.");
            }
        }
    }
}
