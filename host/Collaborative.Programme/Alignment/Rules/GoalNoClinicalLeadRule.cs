using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoClinicalLeadRule : AlignmentRule
{
    public override string Id => "goal.no-clinical-lead";

    public override string PrincipleId => Principle.SharedLeadership;

    public override Severity DefaultSeverity => Severity.Error;

    public override string Title => "A goal has no clinical lead";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Goals
            .Where(goal => goal.ClinicalLead is null)
            .Select(goal => applied.Finding("goal", goal.Id,
                $"Goal '{goal.Title}' has no clinical lead.",
                "Clinicians follow clinical leadership: without a lead the change is done to clinical teams rather than with them.",
                "Name a clinician from one of the co-owning partners as the goal's clinical lead."));
}
