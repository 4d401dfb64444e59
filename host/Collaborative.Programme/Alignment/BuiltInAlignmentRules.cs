using System.Collections.Immutable;
using Collaborative.Programme.Alignment.Rules;

namespace Collaborative.Programme.Alignment;

/// <summary>The alignment rules the host ships, keyed by stable id.</summary>
public static class BuiltInAlignmentRules
{
    public static ImmutableArray<AlignmentRule> All { get; } =
    [
        new GoalSingleOwnerRule(),
        new GoalNoTargetDateRule(),
        new MeasureNoSharedGoalRule(),
        new ModuleNoSharedGoalRule(),
        new ProgrammeTooManyGoalsRule(),
        new CommunityNoGoalRule(),
        new PartnerUninvolvedRule(),
        new GoalOneSidedTeamRule(),
        new GoalNoLivedExperienceRule(),
        new GoalNoExecutiveSponsorRule(),
        new GoalNoClinicalLeadRule(),
        new GoalNoBaselineRule(),
        new MeasureStaleDataRule(),
        new GoalNoDriverDiagramRule(),
        new ChangeIdeaNoRecentCycleRule(),
        new GoalDriverDiagramNotReviewedRule(),
        new GoalNoProgressScoreRule(),
        new ProgrammeNoLearningEventRule(),
    ];

    private static readonly ImmutableDictionary<string, AlignmentRule> ById =
        All.ToImmutableDictionary(r => r.Id, StringComparer.Ordinal);

    public static AlignmentRule? Find(string id) => ById.GetValueOrDefault(id);
}
