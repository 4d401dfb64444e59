using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class GoalNoDriverDiagramRule : AlignmentRule
{
    public override string Id => "goal.no-driver-diagram";

    public override string PrincipleId => Principle.ImprovementMindset;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A goal has no driver diagram, or one with no change ideas";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        const string Why = "Start with a clear theory of change: which drivers move the aim, and which changes the teams will test to move them.";
        foreach (var goal in context.Programme.Goals)
        {
            if (goal.DriverDiagram is not { } diagram)
            {
                yield return applied.Finding("goal", goal.Id, $"Goal '{goal.Title}' has no driver diagram.", Why,
                    "Draw the driver diagram with the goal team: primary drivers, secondary drivers and the change ideas to test.");
            }
            else if (!diagram.ChangeIdeas.Any())
            {
                yield return applied.Finding("goal", goal.Id,
                    $"Goal '{goal.Title}' has a driver diagram with {diagram.PrimaryDrivers.Length} primary driver{(diagram.PrimaryDrivers.Length == 1 ? string.Empty : "s")} but no change ideas.", Why,
                    "Add the change ideas the teams will test under each secondary driver.");
            }
        }
    }
}
