using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class ProgrammeNoLearningEventRule : AlignmentRule
{
    public const string Months = "months";

    public override string Id => "programme.no-learning-event";

    public override string PrincipleId => Principle.RelationshipsTrust;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "The programme has held no learning event for four months";

    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(Months, 4, new SettingRange(1, 60))];

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        if (context.Method is not { } method)
        {
            yield break;
        }

        var months = applied.Parameter(Months);
        var since = context.AsOf.AddMonths(-months);
        var held = method.Events.Where(e => e.Date <= context.AsOf).ToList();
        if (held.Count > 0 && held[^1].Date >= since)
        {
            yield break;
        }

        yield return applied.Finding("programme", context.Programme.Id,
            held.Count == 0
                ? "The programme has recorded no learning event."
                : $"The programme's last learning event was '{held[^1].Title}' on {held[^1].Date:yyyy-MM-dd}, more than {months} month{(months == 1 ? string.Empty : "s")} ago.",
            "Measure often and share quickly: learning sessions and action-period reviews are where teams from different partners learn from each other's tests.",
            "Hold a learning session or an action-period review, and record the goals it covered and the lessons learned.");
    }
}
