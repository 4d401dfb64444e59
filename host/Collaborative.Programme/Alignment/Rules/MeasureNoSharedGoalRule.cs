using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class MeasureNoSharedGoalRule : AlignmentRule
{
    public override string Id => "measure.no-shared-goal";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A measure feeds no shared goal";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Measures
            .Where(measure => !context.GoalsFedBy(measure.Id).Any())
            .Select(measure => applied.Finding("measure", measure.Id,
                $"Measure '{measure.Name}' feeds no shared goal.",
                "Work that does not serve the shared purpose should be questioned, not silently carried: collecting it costs partners time.",
                "Link the measure to the shared goal it serves, or agree to stop collecting it."));
}
