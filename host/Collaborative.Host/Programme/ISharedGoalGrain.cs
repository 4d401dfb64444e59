using Collaborative.Grains;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Progress;

namespace Collaborative.Host.Programme;

/// <summary>A shared goal: its progress against its measure, recomputed when the measure or the programme changes.</summary>
public interface ISharedGoalGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="KeyNotFoundException"/> when the programme has no such goal.</summary>
    [ReadOnly]
    Task<SharedGoalProgress> GetProgressAsync();
}

/// <summary>A goal's progress with what it was computed from.</summary>
public sealed record SharedGoalProgress(SharedGoal Goal, Measure Measure, GoalProgress Progress, long ObservationSequence, long ProgrammeVersion, DateTimeOffset ComputedAt);
