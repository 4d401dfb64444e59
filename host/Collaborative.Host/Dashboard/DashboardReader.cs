using Collaborative.Host.Access;
using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>What the pages show, read through the same <see cref="ProgrammeOffice"/> as the gRPC API and mapped by <see cref="ContractMapping"/>, so both say the same.</summary>
internal sealed class DashboardReader(ProgrammeOffice office, ProgrammeModules modules, PluginSupervisor plugins, TimeProvider time)
{
    public async Task<ProgrammeSnapshot> ProgrammeAsync() => await office.ProgrammeAsync();

    public async Task<Contract.ProgrammeView> ProgrammeViewAsync() => ContractMapping.ToView(await office.ProgrammeAsync());

    /// <summary>The goals <paramref name="reader"/> may see, in the programme's order, each with its progress.</summary>
    public async Task<IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)>> ReadableProgressAsync(Contract.ProgrammeView programme, AccessPrincipal reader)
    {
        var goals = new List<(Contract.GoalView, Contract.GoalProgress)>();
        foreach (var goal in programme.Goals.Where(g => ProgrammeAccess.CanReadGoal(reader, g.CoOwners)))
        {
            if (await ProgressAsync(goal.Id) is { } progress)
            {
                goals.Add((goal, progress.View));
            }
        }

        return goals;
    }

    /// <summary>The goal's progress, or null when the programme has no such goal.</summary>
    public async Task<(SharedGoalProgress Source, Contract.GoalProgress View)?> ProgressAsync(string goalId)
    {
        try
        {
            var source = await office.ProgressAsync(goalId);
            return (source, ContractMapping.ToContract(source));
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    public async Task<Contract.AlignmentReport> AlignmentAsync(CancellationToken cancellationToken) =>
        ContractMapping.ToContract(await modules.EvaluateAlignmentAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken));

    public Task<IReadOnlyList<Contract.PluginStatusView>> PluginsAsync() => modules.PluginViewsAsync();

    public IReadOnlyList<string> ManifestErrors => plugins.ManifestErrors;
}
