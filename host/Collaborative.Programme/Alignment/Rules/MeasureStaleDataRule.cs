using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class MeasureStaleDataRule : AlignmentRule
{
    public const string Periods = "periods";

    public override string Id => "measure.stale-data";

    public override string PrincipleId => Principle.ImprovementMindset;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A measure that feeds a goal has had no observation for two periods";

    /// <summary>Up to ten years of weeks: beyond that no data is stale, and the earliest fresh period must stay a date.</summary>
    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(Periods, 2, new SettingRange(1, 520))];

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        var allowed = applied.Parameter(Periods);
        foreach (var measure in context.Programme.Measures)
        {
            var goals = context.GoalsFedBy(measure.Id).Select(g => g.Id).ToList();
            if (goals.Count == 0)
            {
                continue; // measure.no-shared-goal speaks about these
            }

            // The period containing the check's day is still open; staleness counts complete periods only.
            var lastComplete = Period.Containing(context.AsOf, measure.Period).Previous();
            var earliestFresh = lastComplete.Plus(-(allowed - 1));
            var latest = context.Observations.LatestPeriod(measure.Id);
            if (latest is { } seen && seen >= earliestFresh)
            {
                continue;
            }

            var unit = measure.Period == PeriodKind.Month ? "month" : "week";
            yield return applied.Finding("measure", measure.Id,
                latest is { } last
                    ? $"Measure '{measure.Name}' has had no observation since {last.Label} ({last.StepsTo(lastComplete)} complete {unit}s without data)."
                    : $"Measure '{measure.Name}' has no observations at all.",
                $"Goals {string.Join(", ", goals.Select(g => $"'{g}'"))} are judged on this measure; measure often and share quickly, and plan for data channels that close.",
                measure.Module is { } module
                    ? $"Check that module '{module}' is running and reporting; if the data channel has closed, agree a new source."
                    : "Agree who reports this measure each period, and how.");
        }
    }
}
