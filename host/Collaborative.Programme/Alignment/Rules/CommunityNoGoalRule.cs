using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class CommunityNoGoalRule : AlignmentRule
{
    public override string Id => "community.no-goal";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Info;

    public override string Title => "A clinical community works on no shared goal";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        var withGoals = context.Programme.Goals.SelectMany(g => g.Communities).ToHashSet(StringComparer.Ordinal);
        return context.Programme.Communities
            .Where(c => c.Goals.IsEmpty && !withGoals.Contains(c.Id))
            .Select(c => applied.Finding("community", c.Id,
                $"Clinical community '{c.Name}' works on no shared goal.",
                "A community gathers around shared goals; without one it is a meeting, not a community of improvement.",
                "Agree the shared goal the community will work on, or fold it into another community."));
    }
}
