using Collaborative.Grains.Abstractions;
using static Collaborative.Programme.Grains.Tests.Observations;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class SharedGoalGrainTests(ProgrammeCluster cluster)
{
    [Fact]
    public async Task GetProgressAsync_OfASeededGoal_IsItsMeasuresSeries()
    {
        var scope = await cluster.ScopeAsync();
        var programme = await cluster.ProgrammeAsync(scope);
        var goal = programme.Goals.First(g => programme.FindMeasure(g.Measure)?.Module is null);

        var progress = await cluster.Grains.GetGrain<ISharedGoalGrain>(scope.GoalKey(goal.Id)).GetProgressAsync();

        Assert.Equal(goal.Id, progress.GoalId);
        Assert.Equal(goal.Measure, progress.MeasureId);
        var history = await cluster.Grains.GetGrain<IMeasureGrain>(scope.MeasureKey(goal.Measure)).GetHistoryAsync();
        Assert.Equal(history.Sequence, progress.ObservationSequence);
        Assert.NotEmpty(progress.Points);
    }

    [Fact]
    public async Task GetProgressAsync_AfterANewObservation_IsRecomputed()
    {
        var scope = await cluster.ScopeAsync();
        var programme = await cluster.ProgrammeAsync(scope);
        var goal = programme.Goals.Last(g => programme.FindMeasure(g.Measure)?.Module is not null);
        var grain = cluster.Grains.GetGrain<ISharedGoalGrain>(scope.GoalKey(goal.Id));
        var before = await grain.GetProgressAsync();

        await cluster.Grains.GetGrain<IMeasureGrain>(scope.MeasureKey(goal.Measure)).RecordAsync(Batch(Monthly("goal-test-1", goal.Measure, "2030-01", 42)));
        var after = await grain.GetProgressAsync();

        Assert.Equal(before.ObservationSequence + 1, after.ObservationSequence);
        Assert.Equal("2030-01", after.LatestPeriod);
        Assert.Equal(42, after.LatestValue);
    }

    [Fact]
    public async Task GetProgressAsync_OfAnUnknownGoal_SaysSo()
    {
        var scope = await cluster.ScopeAsync();

        var refusal = await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Grains.GetGrain<ISharedGoalGrain>(scope.GoalKey("no-such-goal")).GetProgressAsync());

        Assert.Contains("no-such-goal", refusal.Message);
    }
}
