using System.Collections.Concurrent;
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
public sealed class ProgrammeOffice(IGrainFactory grains, IClusterMembershipService membership, ProgrammeDocuments documents)
{
    // Grain references are immutable and cheap to keep, but Orleans resolves a grain's interface type by reflection on
    // every GetGrain: on the dashboard's pages that cost as much as the calls. One reference per grain is kept here
    // (measures and goals are the programme's, checked before they are looked up).
    private readonly ConcurrentDictionary<string, IMeasureGrain> _measures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ISharedGoalGrain> _goals = new(StringComparer.Ordinal);
    private IProgrammeGrain? _programme;
    private IModuleRegistryGrain? _modules;

    private IProgrammeGrain Programme => _programme ??= grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key);

    private IModuleRegistryGrain Modules => _modules ??= grains.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key);

    private IMeasureGrain Measure(string measureId) => _measures.GetOrAdd(measureId, id => grains.GetGrain<IMeasureGrain>(id));

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
        var view = await _goals.GetOrAdd(goalId, id => grains.GetGrain<ISharedGoalGrain>(id)).GetProgressAsync();
        return new SharedGoalProgress(goal, programme.Definition.FindMeasure(goal.Measure)!, view, view.ObservationSequence, programme.Version);
    }

    /// <summary>Every revision of a measure, in arrival order.</summary>
    public async Task<IReadOnlyList<ObservationRevision>> RevisionsAsync(string measureId) =>
        [.. (await Measure(measureId).GetHistoryAsync()).ToLedger().All()];

    /// <summary>A measure's stored observations in arrival order, with its sequence (how many there are: they are only ever added).</summary>
    public async Task<(long Sequence, IEnumerable<MeasureObservation> Observations)> ObservationsAsync(string measureId)
    {
        var history = await Measure(measureId).GetHistoryAsync();
        return (history.Sequence, history.ToDomain());
    }

    /// <summary>How many observations a measure holds; the same number means the same observations.</summary>
    public Task<long> SequenceAsync(string measureId) => Measure(measureId).GetSequenceAsync();

    /// <summary>Checked observations of one measure, in one durable write; a conflict is answered per observation.</summary>
    public async Task<IReadOnlyList<MeasureRecordResult>> RecordAsync(string measureId, IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        await Measure(measureId).RecordAsync(MeasureBatch.Of(observations, upToFirstConflict));

    /// <summary>What <see cref="RecordAsync"/> would answer now, recording nothing.</summary>
    public async Task<IReadOnlyList<MeasureRecordResult>> CheckAsync(string measureId, IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        await grains.GetGrain<IMeasureGrain>(measureId).CheckAsync(MeasureBatch.Of(observations, upToFirstConflict));

    public async Task<IReadOnlyList<RegisteredModuleState>> ModulesAsync() => await Modules.ListAsync();

    /// <summary>Registers or refreshes a module for <paramref name="partner"/>; refused (not accepted) when another partner owns the id.</summary>
    public Task<ModuleRegistration> RegisterModuleAsync(PluginDescription module, string partner, string registeredBy, DateTimeOffset at) =>
        Modules.RegisterAsync(module, partner, registeredBy, at);

    public Task RecordModuleReportsAsync(string moduleId, long observations, DateTimeOffset at) =>
        Modules.RecordReportsAsync(moduleId, observations, at);

    /// <summary>Watches a measure's changes (and the programme's) from any host of the cluster.</summary>
    public Task<ProgressWatch> WatchAsync(string measureId) => ProgressWatch.StartAsync(grains, membership, measureId);
}
