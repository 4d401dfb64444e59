using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoProgressScoreRule : AlignmentRule
{
    public const string Months = "months";

    public override string Id => "goal.no-progress-score";

    public override string PrincipleId => Principle.SharedLeadership;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal team's progress has not been scored for two months";

    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(Months, 2, new SettingRange(1, 24))];

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        if (context.Method is not { } method)
        {
            yield break;
        }

        // As for stale data: the month containing the check's day is still open, so count complete months.
        var months = applied.Parameter(Months);
        var lastComplete = Period.Containing(context.AsOf, PeriodKind.Month).Previous();
        var earliestFresh = lastComplete.Plus(-(months - 1));
        foreach (var goal in context.Programme.Goals)
        {
            var latest = method.ScoreHistory(goal.Id).LastOrDefault(s => s.Month.Start <= context.AsOf);
            if (latest is not null && latest.Month >= earliestFresh)
            {
                continue;
            }

            yield return applied.Finding("goal", goal.Id,
                latest is null
                    ? $"Goal '{goal.Title}' has no progress score yet."
                    : $"Goal '{goal.Title}' was last scored for {latest.Month.Label} ({latest.Level}); {latest.Month.StepsTo(lastComplete)} complete months since have no score.",
                "Leaders steer a collaborative by its teams' monthly progress scores; a team that is not scored gets neither feedback nor support.",
                "Score the goal team's progress for the last month on the IHI Assessment Scale (1.0 to 5.0), with a note saying why.");
        }
    }
}
