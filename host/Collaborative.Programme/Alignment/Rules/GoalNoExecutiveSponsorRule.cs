using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoExecutiveSponsorRule : AlignmentRule
{
    public override string Id => "goal.no-executive-sponsor";

    public override string PrincipleId => Principle.SharedLeadership;

    public override Severity DefaultSeverity => Severity.Error;

    public override string Title => "A goal has no executive sponsor";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Goals
            .Where(goal => goal.ExecutiveSponsor is null)
            .Select(goal => applied.Finding("goal", goal.Id,
                $"Goal '{goal.Title}' has no executive sponsor.",
                "Without an executive who owns it, a goal loses out when resources, time and priorities are decided.",
                "Ask a partner's board-level executive to sponsor the goal and record them on it."));
}
