using Collaborative.Contracts.V1;

namespace Collaborative.Grains.Abstractions;

/// <summary>A shared goal of one programme (key "programmeId/goalId"): its Making Data Count progress against its measure, recomputed when either changes.</summary>
public interface ISharedGoalGrain : IGrainWithStringKey
{
    /// <summary>
    /// The goal's progress as host.proto says it. Throws <see cref="KeyNotFoundException"/> when the programme
    /// has no such goal, <see cref="InvalidOperationException"/> when no programme is in force.
    /// </summary>
    [ReadOnly]
    Task<GoalProgress> GetProgressAsync();
}
