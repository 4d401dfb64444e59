using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>The programme-level view of team progress: where every goal team stands in a month and how it moved.</summary>
public sealed record TeamProgress
{
    public required Period Month { get; init; }

    /// <summary>One per goal, in the programme's goal order.</summary>
    public ImmutableArray<TeamStanding> Standings { get; init; } = [];

    /// <summary>How many teams scored each level this month (every level present, lowest first).</summary>
    public ImmutableArray<(AssessmentLevel Level, int Teams)> Distribution =>
        [.. AssessmentScale.Levels.Select(l => (l, Standings.Count(s => s.Current?.Score == l.Score)))];

    /// <summary>
    /// The month team progress shows when none is asked for: the latest month up to <paramref name="today"/>'s that one
    /// of the <paramref name="readable"/> goals' teams was scored in (a month is scored once it is over), else this month.
    /// </summary>
    public static Period LatestScoredMonth(MethodSnapshot method, Func<string, bool> readable, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(readable);
        var thisMonth = Period.Containing(today, PeriodKind.Month);
        return method.Scores.Where(s => readable(s.GoalId) && s.Month <= thisMonth).Select(s => (Period?)s.Month).Max() ?? thisMonth;
    }

    public static TeamProgress For(ProgrammeDefinition programme, MethodSnapshot method, Period month)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(method);
        if (month.Kind != PeriodKind.Month)
        {
            throw new ArgumentException($"Team progress is by month; {month.Label} is a week.", nameof(month));
        }

        return new TeamProgress
        {
            Month = month,
            Standings = [.. programme.Goals.Select(goal =>
            {
                var history = method.ScoreHistory(goal.Id);
                return new TeamStanding
                {
                    GoalId = goal.Id,
                    Current = history.FirstOrDefault(s => s.Month == month),
                    Previous = history.LastOrDefault(s => s.Month < month),
                };
            })],
        };
    }
}
