using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>
/// A programme's method records at one moment: PDSA cycles, chart annotations, progress scores and
/// learning events, as the grains hold them. Immutable; lookups are built once on first use. Alignment
/// rules and pages read it; nothing here checks the records (see <see cref="MethodValidator"/>).
/// </summary>
public sealed class MethodSnapshot
{
    private readonly Lazy<ILookup<string, PdsaCycle>> _cyclesByIdea;
    private readonly Lazy<ImmutableDictionary<string, ImmutableArray<ProgressScore>>> _scoresByGoal;

    public MethodSnapshot(
        IEnumerable<PdsaCycle>? cycles = null,
        IEnumerable<ChartAnnotation>? annotations = null,
        IEnumerable<ProgressScore>? scores = null,
        IEnumerable<LearningEvent>? events = null)
    {
        Cycles = [.. cycles ?? []];
        Annotations = [.. annotations ?? []];
        Scores = [.. scores ?? []];
        Events = [.. (events ?? []).OrderBy(e => e.Date)];
        _cyclesByIdea = new Lazy<ILookup<string, PdsaCycle>>(() => Cycles.ToLookup(c => c.ChangeIdeaId, StringComparer.Ordinal));
        _scoresByGoal = new Lazy<ImmutableDictionary<string, ImmutableArray<ProgressScore>>>(() => Scores
            .GroupBy(s => s.GoalId, StringComparer.Ordinal)
            .ToImmutableDictionary(
                g => g.Key,
                g => g.GroupBy(s => s.Month).Select(m => m.Last()).OrderBy(s => s.Month).ToImmutableArray(),
                StringComparer.Ordinal));
    }

    /// <summary>No records at all: a programme that has recorded nothing of its method yet.</summary>
    public static MethodSnapshot Empty { get; } = new();

    public ImmutableArray<PdsaCycle> Cycles { get; }

    public ImmutableArray<ChartAnnotation> Annotations { get; }

    /// <summary>As given; <see cref="ScoreHistory"/> keeps the last score of each goal and month.</summary>
    public ImmutableArray<ProgressScore> Scores { get; }

    /// <summary>In date order.</summary>
    public ImmutableArray<LearningEvent> Events { get; }

    public IEnumerable<PdsaCycle> CyclesFor(string changeIdeaId) => _cyclesByIdea.Value[changeIdeaId];

    /// <summary>A goal team's scores, one per month (a later record for a month replaces an earlier), oldest first.</summary>
    public ImmutableArray<ProgressScore> ScoreHistory(string goalId) =>
        _scoresByGoal.Value.TryGetValue(goalId, out var history) ? history : [];

    public IEnumerable<LearningEvent> EventsCovering(string goalId) => Events.Where(e => e.Goals.Contains(goalId));

    /// <summary>
    /// The markers on a goal's chart, in period order: its cycles (at the period they started, or were
    /// planned in), its annotations and the learning events that covered it, each at a period of
    /// <paramref name="kind"/> (the goal's measure's).
    /// </summary>
    public ImmutableArray<ChartMarker> MarkersFor(SharedGoal goal, PeriodKind kind)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var ideas = goal.DriverDiagram?.ChangeIdeas.ToDictionary(i => i.Id, StringComparer.Ordinal)
            ?? new Dictionary<string, ChangeIdea>(StringComparer.Ordinal);
        var markers = new List<ChartMarker>();
        foreach (var cycle in Cycles.Where(c => c.GoalId == goal.Id))
        {
            var idea = ideas.TryGetValue(cycle.ChangeIdeaId, out var found) ? found.Title : cycle.ChangeIdeaId;
            markers.Add(new ChartMarker(ChartMarkerKind.PdsaCycle, cycle.Id, Period.Containing(cycle.MarkerDate, kind),
                $"PDSA ({MethodVocabulary.Word(cycle.Status)}{(cycle.Act is { } act ? ", " + MethodVocabulary.Word(act) : string.Empty)}): {idea}. {cycle.Plan}"));
        }

        foreach (var annotation in Annotations.Where(a => a.GoalId == goal.Id && a.Period.Kind == kind))
        {
            markers.Add(new ChartMarker(ChartMarkerKind.Annotation, annotation.Id, annotation.Period, $"{annotation.Text} ({annotation.Author})"));
        }

        foreach (var learningEvent in EventsCovering(goal.Id))
        {
            markers.Add(new ChartMarker(ChartMarkerKind.LearningEvent, learningEvent.Id, Period.Containing(learningEvent.Date, kind), learningEvent.Title));
        }

        return [.. markers.OrderBy(m => m.Period)];
    }
}
