using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoLivedExperienceRule : AlignmentRule
{
    public override string Id => "goal.no-lived-experience";

    public override string PrincipleId => Principle.DiverseExpertise;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal has no lived-experience involvement";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Goals
            .Where(goal => goal.LivedExperience.IsEmpty)
            .Select(goal => applied.Finding("goal", goal.Id,
                $"Goal '{goal.Title}' records no involvement of patients, carers or the public.",
                "Lived experience is expertise: patients and carers see the gaps between organisations that staff do not.",
                "Involve patients or carers (a reference group, co-design of the change, a seat on the goal team) and record how."));
}
