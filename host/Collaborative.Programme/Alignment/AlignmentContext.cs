using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Progress;

namespace Collaborative.Programme.Alignment;

/// <summary>
/// A snapshot alignment rules read: the programme, its observations, the day the check is for (a
/// parameter, never the clock, so the same snapshot always gives the same findings), the modules plugged
/// in, goal progress (computed on first use when not supplied) and the improvement method's records.
/// Lookups are built once and shared by every rule, so a check stays linear in the size of the programme.
/// </summary>
public sealed class AlignmentContext
{
    private readonly Lazy<ImmutableArray<GoalProgress>> _progress;
    private readonly Lazy<ILookup<string, SharedGoal>> _goalsByMeasure;
    private readonly Lazy<HashSet<string>> _partnersInvolved;

    /// <summary>The first day a check can be run as of: every rule's window (up to 520 periods back) stays inside the calendar.</summary>
    public static readonly DateOnly EarliestAsOf = new(1900, 1, 1);

    /// <summary>The last day a check can be run as of: the period after it is still a date.</summary>
    public static readonly DateOnly LatestAsOf = new(9998, 12, 31);

    public AlignmentContext(
        ProgrammeDefinition programme,
        ObservationLedger observations,
        DateOnly asOf,
        ImmutableArray<ModuleContribution> modules = default,
        ImmutableArray<GoalProgress> progress = default,
        MethodSnapshot? method = null)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(asOf, EarliestAsOf);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(asOf, LatestAsOf);
        Programme = programme;
        Observations = observations;
        AsOf = asOf;
        Modules = modules.IsDefault ? [] : modules;
        Method = method;
        _progress = new Lazy<ImmutableArray<GoalProgress>>(() =>
            progress.IsDefault ? ProgrammeProgress.Calculate(programme, observations) : progress);
        _goalsByMeasure = new Lazy<ILookup<string, SharedGoal>>(() => programme.Goals
            .SelectMany(g => g.DriverDiagram?.ChangeIdeas.Select(i => i.Measure).OfType<string>().Prepend(g.Measure).Distinct(StringComparer.Ordinal).Select(m => (Measure: m, Goal: g))
                ?? [(g.Measure, g)])
            .ToLookup(x => x.Measure, x => x.Goal, StringComparer.Ordinal));
        _partnersInvolved = new Lazy<HashSet<string>>(() =>
        {
            var involved = new HashSet<string>(StringComparer.Ordinal);
            involved.UnionWith(programme.Communities.SelectMany(c => c.Members));
            foreach (var goal in programme.Goals)
            {
                involved.UnionWith(goal.CoOwners);
                involved.UnionWith(goal.Team.Select(t => t.Partner));
                involved.UnionWith(goal.DriverDiagram?.ChangeIdeas.SelectMany(i => i.Owners) ?? []);
            }

            return involved;
        });
    }

    public ProgrammeDefinition Programme { get; }

    public ObservationLedger Observations { get; }

    public DateOnly AsOf { get; }

    public ImmutableArray<ModuleContribution> Modules { get; }

    public ImmutableArray<GoalProgress> Progress => _progress.Value;

    /// <summary>
    /// The improvement method's records (PDSA cycles, scores, learning events). Null when the caller keeps
    /// none: rules about records then stay silent rather than report every programme as never having
    /// recorded anything. A caller that keeps them passes its snapshot, <see cref="MethodSnapshot.Empty"/> when
    /// nothing has been recorded yet.
    /// </summary>
    public MethodSnapshot? Method { get; }

    /// <summary>The goals a measure serves: as the goal's measure, or as a process measure of one of its change ideas.</summary>
    public IEnumerable<SharedGoal> GoalsFedBy(string measureId) => _goalsByMeasure.Value[measureId];

    /// <summary>Whether the partner is a member of a community, co-owns or serves in a goal team, or owns a change idea.</summary>
    public bool IsInvolved(string partnerId) => _partnersInvolved.Value.Contains(partnerId);
}
