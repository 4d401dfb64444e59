using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class ProgrammeTooManyGoalsRule : AlignmentRule
{
    public const string MaxGoals = "max_goals";

    /// <summary>Bounds of the size-based allowance: even a small programme may hold three goals; a very
    /// large one still needs its few golden threads.</summary>
    private const int Smallest = 3;
    private const int Largest = 12;

    public override string Id => "programme.too-many-goals";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "The programme has more shared goals than its size can carry";

    /// <summary>
    /// 0 means "from the programme's size": one goal per two partners or two per clinical community
    /// (the people who do the work), whichever is more, between 3 and 12.
    /// </summary>
    public override ImmutableArray<RuleParameter> Parameters { get; } = [new(MaxGoals, 0, new SettingRange(0, 1000))];

    public static int Allowance(ProgrammeDefinition programme) =>
        Math.Clamp(Math.Max((programme.Partners.Length + 1) / 2, 2 * programme.Communities.Length), Smallest, Largest);

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        var configured = applied.Parameter(MaxGoals);
        var allowed = configured > 0 ? configured : Allowance(context.Programme);
        var goals = context.Programme.Goals.Length;
        if (goals > allowed)
        {
            yield return applied.Finding("programme", context.Programme.Id,
                $"The programme has {goals} shared goals; {allowed} is plenty for {(configured > 0 ? "this programme (its setting)" : $"{context.Programme.Partners.Length} partners in {context.Programme.Communities.Length} clinical communities")}.",
                "Less is more: a few goals with one golden thread get the attention, resources and measurement that many goals spread thin.",
                "Agree with the partners which goals matter most; merge or retire the rest.");
        }
    }
}
