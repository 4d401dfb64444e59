using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;

namespace Collaborative.Host.Programme;

/// <summary>
/// The host's application layer over the programme's grains, for gRPC, the dashboard, the CLI's embedded mode
/// and the plugin supervisor alike: definitions parsed once per version, refusals raised as the domain's
/// exceptions, progress with the versions it came from. <see cref="ProgrammeModules"/> adds what needs the
/// modules too (it depends on the supervisor, which records through this class).
/// </summary>
public sealed class ProgrammeOffice(IGrainFactory grains, ProgrammeDocuments documents)
{
    private IProgrammeGrain Programme => grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key);

    private IModuleRegistryGrain Modules => grains.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key);

    /// <summary>The definition in force; throws <see cref="ProgrammeDefinitionException"/> when this host refuses it.</summary>
    public async Task<ProgrammeSnapshot> ProgrammeAsync()
    {
        var document = await Programme.GetAsync();
        return new ProgrammeSnapshot(documents.Definition(document), document.Version);
    }

    /// <summary>Replaces the definition; throws <see cref="ProgrammeDefinitionException"/> with every error and keeps the old one when the YAML is bad.</summary>
    public async Task<long> UpdateProgrammeAsync(string yaml, string fileName)
    {
        var update = await Programme.UpdateAsync(yaml, fileName);
        return update.Accepted ? update.Version : throw new ProgrammeDefinitionException(update.Errors.Select(e => e.ToError()));
    }

    /// <summary>Throws <see cref="KeyNotFoundException"/> when the programme has no such goal.</summary>
    public async Task<SharedGoalProgress> ProgressAsync(string goalId)
    {
        var programme = await ProgrammeAsync();
        var goal = programme.Definition.FindGoal(goalId)
            ?? throw new KeyNotFoundException($"Programme '{programme.Definition.Id}' has no shared goal '{goalId}'.");
        var view = await grains.GetGrain<ISharedGoalGrain>(goalId).GetProgressAsync();
        return new SharedGoalProgress(goal, programme.Definition.FindMeasure(goal.Measure)!, view, view.ObservationSequence, programme.Version);
    }

    /// <summary>Every revision of a measure, in arrival order.</summary>
    public async Task<IReadOnlyList<ObservationRevision>> RevisionsAsync(string measureId) =>
        [.. (await grains.GetGrain<IMeasureGrain>(measureId).GetHistoryAsync()).ToLedger().All()];

    /// <summary>A measure's stored observations in arrival order, with its sequence (how many there are: they are only ever added).</summary>
    public async Task<(long Sequence, IEnumerable<MeasureObservation> Observations)> ObservationsAsync(string measureId)
    {
        var history = await grains.GetGrain<IMeasureGrain>(measureId).GetHistoryAsync();
        return (history.Sequence, history.ToDomain());
    }

    /// <summary>How many observations a measure holds; the same number means the same observations.</summary>
    public Task<long> SequenceAsync(string measureId) => grains.GetGrain<IMeasureGrain>(measureId).GetSequenceAsync();

    /// <summary>Checked observations of one measure, in one durable write; a conflict is answered per observation.</summary>
    public async Task<IReadOnlyList<MeasureRecordResult>> RecordAsync(string measureId, IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        await grains.GetGrain<IMeasureGrain>(measureId).RecordAsync(MeasureBatch.Of(observations, upToFirstConflict));

    public async Task<IReadOnlyList<RegisteredModuleState>> ModulesAsync() => await Modules.ListAsync();

    /// <summary>Registers or refreshes a module for <paramref name="partner"/>; refused (not accepted) when another partner owns the id.</summary>
    public Task<ModuleRegistration> RegisterModuleAsync(PluginDescription module, string partner, string registeredBy, DateTimeOffset at) =>
        Modules.RegisterAsync(module, partner, registeredBy, at);

    public Task RecordModuleReportsAsync(string moduleId, long observations, DateTimeOffset at) =>
        Modules.RecordReportsAsync(moduleId, observations, at);

    /// <summary>Watches a measure's changes (and the programme's) from any host of the cluster.</summary>
    public Task<ProgressWatch> WatchAsync(string measureId) => ProgressWatch.StartAsync(grains, measureId);
}
