using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoTargetDateRule : AlignmentRule
{
    public override string Id => "goal.no-target-date";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal's aim has no target date";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Goals
            .Where(goal => goal.Aim.ByWhen is null)
            .Select(goal => applied.Finding("goal", goal.Id,
                goal.Target is null
                    ? $"Goal '{goal.Title}' has neither a target nor a date to reach it by."
                    : $"Goal '{goal.Title}' has a target of {goal.Target} but no date to reach it by.",
                "An aim says what, how much and by when; without a date partners cannot plan together or know when to review.",
                "Agree the date with the co-owners and record it as the aim's 'by when'."));
}
