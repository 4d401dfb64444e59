using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalSingleOwnerRule : AlignmentRule
{
    public override string Id => "goal.single-owner";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A shared goal is owned by one organisation or none";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        foreach (var goal in context.Programme.Goals)
        {
            var owners = goal.CoOwners.Distinct().ToList();
            if (owners.Count >= 2)
            {
                continue;
            }

            yield return applied.Finding("goal", goal.Id,
                owners.Count == 0
                    ? $"Goal '{goal.Title}' has no co-owning partner."
                    : $"Goal '{goal.Title}' is owned by one organisation only ({Name(context, owners[0])}).",
                "A goal one organisation owns is that organisation's goal: the other partners have no stake in it, and system-wide change needs them.",
                "Agree co-owners among the partners whose services the goal depends on, and record them on the goal.");
        }
    }

    private static string Name(AlignmentContext context, string partnerId) => context.Programme.FindPartner(partnerId)?.Name ?? partnerId;
}
