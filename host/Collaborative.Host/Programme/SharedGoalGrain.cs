using Collaborative.Grains;
using Collaborative.Programme.Progress;

namespace Collaborative.Host.Programme;

/// <summary>
/// Computes a goal's Making Data Count progress from its measure's series. The result is cached until
/// the programme version or the measure's observation count changes, so a board of leaders refreshing
/// the dashboard costs one calculation per change, not per view.
/// </summary>
internal sealed class SharedGoalGrain(TimeProvider time) : Grain, ISharedGoalGrain
{
    private SharedGoalProgress? _cached;

    public async Task<SharedGoalProgress> GetProgressAsync()
    {
        var programme = await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync();
        var goal = programme.Definition.FindGoal(this.GetPrimaryKeyString())
            ?? throw new KeyNotFoundException($"Programme '{programme.Definition.Id}' has no shared goal '{this.GetPrimaryKeyString()}'.");
        var measure = programme.Definition.FindMeasure(goal.Measure)!;
        var series = await GrainFactory.GetGrain<IMeasureGrain>(measure.Id).GetSeriesAsync();
        if (_cached is { } cached && cached.ProgrammeVersion == programme.Version && cached.ObservationSequence == series.Sequence)
        {
            return cached;
        }

        var progress = ProgrammeProgress.ForGoal(goal, measure, series.Points);
        _cached = new SharedGoalProgress(goal, measure, progress, series.Sequence, programme.Version, time.GetUtcNow());
        return _cached;
    }
}
