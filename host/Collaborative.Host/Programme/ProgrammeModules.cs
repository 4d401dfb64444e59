using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Access;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;

namespace Collaborative.Host.Programme;

/// <summary>
/// The application layer's work that needs the modules as well as the grains: alignment (the programme's rules
/// plus the modules' findings), the modules' status, and the checks on a pushing module's registration. gRPC,
/// the dashboard and the CLI's embedded mode call it alike.
/// </summary>
public sealed class ProgrammeModules(ProgrammeOffice office, PluginSupervisor plugins)
{
    // The last ledger of each programme, with the measures' sequences it was built from (see SnapshotAsync).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    // The last summary of each programme, with everything it was evaluated from (see EvaluateAlignmentAsync).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Evaluation> _evaluations = new(StringComparer.Ordinal);

    /// <summary>
    /// Checks a pushing module's registration against the programme, the caller and this host's own plugins, then
    /// registers it durably. Throws <see cref="ModuleRegistrationRefusedException"/> naming the field; a caller
    /// registering for another partner, or for measures it may not report, is refused by <see cref="GrpcAccess.Demand"/>.
    /// </summary>
    public async Task<ModuleRegistration> RegisterModuleAsync(PluginDescription module, AccessPrincipal caller, DateTimeOffset at) =>
        await RegisterModuleAsync(await office.ProgrammeAsync(), module, caller, at);

    /// <inheritdoc cref="RegisterModuleAsync(PluginDescription, AccessPrincipal, DateTimeOffset)"/>
    public async Task<ModuleRegistration> RegisterModuleAsync(ProgrammeSnapshot programme, PluginDescription module, AccessPrincipal caller, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(programme);
        if (!ModuleIds.IsValid(module.Id))
        {
            throw new ModuleRegistrationRefusedException($"module.id '{module.Id}': {ModuleIds.Rule}");
        }

        if (string.IsNullOrWhiteSpace(module.Name) || string.IsNullOrWhiteSpace(module.Version))
        {
            throw new ModuleRegistrationRefusedException($"module.{(string.IsNullOrWhiteSpace(module.Name) ? "name" : "version")}: is required.");
        }

        if (module.PartnerOrganisation.Length == 0 && caller.Partner is { } own)
        {
            module.PartnerOrganisation = own;
        }

        if (caller.Partner is not null && module.PartnerOrganisation != caller.Partner)
        {
            caller.Demand(false, $"register a module of partner '{module.PartnerOrganisation}'", "a partner registers only its own organisation's modules.");
        }

        if (module.PartnerOrganisation.Length == 0)
        {
            throw new ModuleRegistrationRefusedException("module.partner_organisation: is required: the programme's id of the partner that runs the module.");
        }

        var definition = programme.Definition;
        for (var i = 0; i < module.Measures.Count; i++)
        {
            var measure = module.Measures[i].MeasureId;
            if (definition.FindMeasure(measure) is null)
            {
                throw new ModuleRegistrationRefusedException($"module.measures[{i}].measure_id '{measure}' is not a measure of programme '{definition.Id}'.");
            }

            caller.Demand(ProgrammeAccess.CanReport(caller, measure, definition), $"register a module reporting measure '{measure}' (module.measures[{i}])", ProgrammeAccess.CoOwnerRule);
        }

        if (plugins.Manifests.FirstOrDefault(m => m.Id == module.Id) is { } manifest)
        {
            throw new ModuleRegistrationRefusedException($"module.id '{module.Id}' is a plugin this host {(manifest.IsRemote ? "dials" : "launches")} ({manifest.ManifestPath}); choose another id.", idTaken: true);
        }

        var registration = await office.RegisterModuleAsync(module, module.PartnerOrganisation, caller.Name, at);
        return registration.Accepted
            ? registration
            : throw new ModuleRegistrationRefusedException($"module.id '{module.Id}' is registered to partner '{registration.OwnedBy}'; choose another id.", idTaken: true);
    }

    /// <summary>The default programme's alignment summary.</summary>
    public async Task<AlignmentSummary> EvaluateAlignmentAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        await EvaluateAlignmentAsync(await office.ProgrammeAsync(), asOf, cancellationToken);

    /// <summary>
    /// The alignment summary: built-in rules over a snapshot of every measure, plus the modules' own findings. The
    /// default programme weighs every module (and takes the plugins' findings, which are asked for it); another
    /// programme weighs the modules that report one of its measures.
    /// </summary>
    public async Task<AlignmentSummary> EvaluateAlignmentAsync(ProgrammeSnapshot snapshot, DateOnly asOf, CancellationToken cancellationToken) =>
        await EvaluateAlignmentAsync(snapshot, await office.SequencesAsync(snapshot), asOf, cancellationToken);

    /// <summary>
    /// The same, over the measures' <paramref name="sequences"/> the caller read for this view (<see cref="ProgrammeOffice.SequencesAsync"/>),
    /// so a page that also shows its goals' progress asks each measure once.
    /// </summary>
    public async Task<AlignmentSummary> EvaluateAlignmentAsync(ProgrammeSnapshot snapshot, MeasureSequences sequences, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sequences);
        var programme = snapshot.Definition;
        var isDefault = await office.IsDefaultAsync(snapshot.Scope);
        var registered = (await office.ModulesAsync()).Select(m => new ModuleContribution(m.Description.Id, [.. m.Description.Measures.Select(x => x.MeasureId)]));
        var modules = plugins.Manifests.Select(m => new ModuleContribution(m.Id, [.. m.Measures.Select(x => x.Id)])).Concat(registered)
            .Where(m => isDefault || m.MeasureIds.Any(id => programme.FindMeasure(id) is not null))
            .ToImmutableArray();
        // The plugins' contributions as last taken in the background: a reader never waits on a module.
        var contributed = isDefault ? plugins.Alignments.SelectMany(a => a.Shown()).ToList() : [];
        var ledger = await SnapshotAsync(snapshot.Scope, sequences);
        // The method records, kept by the office while their version stands: the same snapshot object means the same records.
        var method = (await office.MethodAsync(snapshot)).Snapshot;
        // The portfolio evaluates every programme on every view: the same definition, ledger (kept while no measure
        // has changed), day, modules and contributions give the same summary, so the last one is used again.
        var signature = string.Join(';', modules.Select(m => m.ModuleId + ":" + string.Join(',', m.MeasureIds)));
        if (_evaluations.TryGetValue(snapshot.Scope.GrainKey, out var kept) && kept.Version == snapshot.Version && ReferenceEquals(kept.Ledger, ledger)
            && ReferenceEquals(kept.Method, method) && kept.AsOf == asOf && kept.Modules == signature && kept.Contributed.SequenceEqual(contributed))
        {
            return kept.Summary;
        }

        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger, asOf, modules, method: method), contributed);
        _evaluations[snapshot.Scope.GrainKey] = new Evaluation(snapshot.Version, ledger, method, asOf, signature, contributed, summary);
        return summary;
    }

    private sealed record Evaluation(long Version, ObservationLedger Ledger, MethodSnapshot Method, DateOnly AsOf, string Modules, List<AlignmentFinding> Contributed, AlignmentSummary Summary);

    /// <summary>
    /// Every measure's observations as one ledger. Pages read it on every view, so the last one is kept with the
    /// measures' sequences it was built from; a measure's sequence grows with each observation it stores, so when
    /// none has changed (the view's one small call per measure) the kept ledger is the same and is used again.
    /// </summary>
    private async Task<ObservationLedger> SnapshotAsync(ProgrammeScope programme, MeasureSequences sequences)
    {
        var measureIds = sequences.MeasureIds;
        if (_snapshots.TryGetValue(programme.GrainKey, out var kept) && kept.MeasureIds.SequenceEqual(measureIds) && kept.Sequences.SequenceEqual(sequences.Sequences))
        {
            return kept.Ledger;
        }

        var measures = await Task.WhenAll(measureIds.Select(id => office.ObservationsAsync(programme, id)));
        var ledger = ObservationLedger.From(measures.SelectMany(m => m.Observations));
        // Keyed by the sequences the observations were read at, which may be newer than those above.
        _snapshots[programme.GrainKey] = new Snapshot(measureIds, [.. measures.Select(m => m.Sequence)], ledger);
        return ledger;
    }

    private sealed record Snapshot(string[] MeasureIds, long[] Sequences, ObservationLedger Ledger);

    /// <summary>Supervised plugins, then registered (pushing) modules: what ListPlugins, the CLI and the dashboard show.</summary>
    public async Task<IReadOnlyList<PluginStatusView>> PluginViewsAsync() =>
        [.. plugins.Statuses.Select(ContractMapping.ToContract), .. (await office.ModulesAsync()).Select(ContractMapping.ToContract)];
}
