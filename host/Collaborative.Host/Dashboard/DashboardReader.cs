using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>What the pages show, read through the same <see cref="ProgrammeOffice"/> as the gRPC API and mapped by <see cref="ContractMapping"/>, so both say the same.</summary>
internal sealed class DashboardReader(ProgrammeOffice office, ProgrammeModules modules, PluginSupervisor plugins, TimeProvider time)
{
    public async Task<ProgrammeSnapshot> ProgrammeAsync() => await office.ProgrammeAsync();

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
