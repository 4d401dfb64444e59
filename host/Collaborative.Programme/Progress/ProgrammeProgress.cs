using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Progress;

/// <summary>Progress of shared goals, computed from a programme and a snapshot of its observations.</summary>
public static class ProgrammeProgress
{
    public static ImmutableArray<GoalProgress> Calculate(ProgrammeDefinition programme, ObservationLedger observations)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(observations);
        var measures = programme.Measures.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var series = new Dictionary<string, ImmutableArray<SeriesPoint>>(StringComparer.Ordinal);
        var progress = ImmutableArray.CreateBuilder<GoalProgress>(programme.Goals.Length);
        foreach (var goal in programme.Goals)
        {
            var measure = measures[goal.Measure];
            if (!series.TryGetValue(measure.Id, out var points))
            {
                points = observations.CurrentSeries(measure.Id);
                series[measure.Id] = points;
            }

            progress.Add(ForGoal(goal, measure, points));
        }

        return progress.MoveToImmutable();
    }

    public static GoalProgress ForGoal(SharedGoal goal, Measure measure, IReadOnlyList<SeriesPoint> series)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(measure);
        return new GoalProgress
        {
            GoalId = goal.Id,
            MeasureId = measure.Id,
            Target = goal.Target,
            TargetDate = goal.Aim.ByWhen,
            Report = XmrChart.Calculate(series, OptionsFor(goal, measure)),
        };
    }

    public static SpcOptions OptionsFor(SharedGoal goal, Measure measure) => new()
    {
        Direction = goal.DirectionFor(measure),
        Target = goal.Target,
        BaselineFrom = goal.Baseline?.From,
        BaselinePoints = goal.Baseline?.Periods,
        Recalculations = goal.Changes,
    };
}
