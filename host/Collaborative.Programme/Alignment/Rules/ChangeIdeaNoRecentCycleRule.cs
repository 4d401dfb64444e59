using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class ChangeIdeaNoRecentCycleRule : AlignmentRule
{
    public const string Months = "months";

    public override string Id => "change-idea.no-recent-pdsa";

    public override string PrincipleId => Principle.ImprovementMindset;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A change idea has had no PDSA cycle for three months";

    /// <summary>Up to ten years: the window must stay inside the calendar.</summary>
    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(Months, 3, new SettingRange(1, 120))];

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        if (context.Method is not { } method)
        {
            yield break;
        }

        var months = applied.Parameter(Months);
        var since = context.AsOf.AddMonths(-months);
        foreach (var goal in context.Programme.Goals)
        {
            foreach (var idea in goal.DriverDiagram?.ChangeIdeas ?? [])
            {
                var latest = method.CyclesFor(idea.Id).Where(c => c.GoalId == goal.Id).MaxBy(c => c.LastActivity);

                // Tested recently; or adopted or abandoned by its latest cycle, which settles it.
                if (latest is not null && (latest.LastActivity >= since || latest is { Status: PdsaStatus.Done, Act: PdsaAct.Adopt or PdsaAct.Abandon }))
                {
                    continue;
                }

                yield return applied.Finding("change-idea", idea.Id,
                    latest is null
                        ? $"Change idea '{idea.Title}' of goal '{goal.Title}' has never been tested in a PDSA cycle."
                        : $"Change idea '{idea.Title}' of goal '{goal.Title}' has had no PDSA cycle since {latest.LastActivity:yyyy-MM-dd} (more than {months} month{(months == 1 ? string.Empty : "s")}).",
                    "Test small changes: an idea is learned about by testing it in quick PDSA cycles, not by keeping it on the diagram.",
                    idea.Owners.IsEmpty
                        ? "Agree which partner will plan the next small test of this idea, with a prediction."
                        : $"Ask {string.Join(", ", idea.Owners.Select(o => context.Programme.FindPartner(o)?.Name ?? o))} to plan the next small test, with a prediction, or to adopt or abandon the idea.");
            }
        }
    }
}
