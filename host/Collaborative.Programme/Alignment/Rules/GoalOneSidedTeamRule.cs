using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalOneSidedTeamRule : AlignmentRule
{
    public override string Id => "goal.one-sided-team";

    public override string PrincipleId => Principle.DiverseExpertise;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal team lacks clinical or corporate-support services";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        var sides = context.Programme.Partners
            .SelectMany(p => p.Services.Select(s => (Key: new ServiceReference(p.Id, s.Id), s.Side)))
            .ToDictionary(x => x.Key, x => x.Side);
        foreach (var goal in context.Programme.Goals)
        {
            var clinical = goal.Team.Any(t => sides.TryGetValue(t, out var side) && side == ServiceSide.Clinical);
            var corporate = goal.Team.Any(t => sides.TryGetValue(t, out var side) && side == ServiceSide.CorporateSupport);
            if (clinical && corporate)
            {
                continue;
            }

            var missing = (clinical, corporate) switch
            {
                (false, false) => "no services at all",
                (true, false) => "clinical services only, no corporate support",
                _ => "corporate-support services only, no clinical service",
            };
            yield return applied.Finding("goal", goal.Id,
                $"Goal '{goal.Title}' has a team with {missing}.",
                "Clinical teams and back-office services (HR, estates, IT, finance, procurement, information) improve care together; a goal team with only one side is a warning sign.",
                clinical
                    ? "Bring a corporate-support service (information, IT, workforce, finance...) from a partner into the goal team."
                    : "Bring the clinical services that deliver the care into the goal team.");
        }
    }
}
