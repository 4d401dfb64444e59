using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Progress;
using GoalProgress = Collaborative.Contracts.V1.GoalProgress;

namespace Collaborative.Programme.Grains;

/// <summary>
/// Computes a goal's Making Data Count progress from its measure's series. The result is kept until the
/// programme version or the measure's observation count changes, so a board of leaders refreshing the
/// dashboard costs one calculation per change, not per view.
/// </summary>
internal sealed class SharedGoalGrain(ProgrammeDocuments documents, TimeProvider time) : Grain, ISharedGoalGrain
{
    private (long ProgrammeVersion, long Sequence, GoalProgress Progress)? _computed;

    public async Task<GoalProgress> GetProgressAsync()
    {
        // Goal → programme and goal → measure; neither calls a goal, so no call waits on this grain.
        var (programmeKey, prefix, goalId) = ProgrammeScope.Split(this.GetPrimaryKeyString());
        var document = await GrainFactory.GetGrain<IProgrammeGrain>(programmeKey).GetAsync();
        if (document.IsRefused)
        {
            throw new InvalidOperationException(document.RefusalException().Message);
        }

        if (document.Version == 0)
        {
            throw new KeyNotFoundException($"There is no programme '{programmeKey}' (goal '{goalId}').");
        }

        var programme = documents.Definition(document);
        var goal = programme.FindGoal(goalId)
            ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no shared goal '{goalId}'.");
        var measure = programme.FindMeasure(goal.Measure)!;
        var measureGrain = GrainFactory.GetGrain<IMeasureGrain>(prefix + measure.Id);
        var sequence = await measureGrain.GetSequenceAsync();
        if (_computed is { } computed && computed.ProgrammeVersion == document.Version && computed.Sequence == sequence)
        {
            return computed.Progress;
        }

        var history = await measureGrain.GetHistoryAsync();
        var progress = ProgrammeProgress.ForGoal(goal, measure, history.ToLedger().CurrentSeries(measure.Id));
        var contract = GoalProgressContract.ToContract(goal, measure, progress, history.Sequence, time.GetUtcNow());
        _computed = (document.Version, history.Sequence, contract);
        return contract;
    }
}
