using System.Collections.Concurrent;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Polly;
using Polly.Retry;

namespace Collaborative.Host.Programme;

/// <summary>
/// The host's application layer over the programmes' grains, for gRPC, the dashboard, the CLI's embedded mode
/// and the plugin supervisor alike: the deployment's programmes, definitions parsed once per version, refusals
/// raised as the domain's exceptions, progress with the versions it came from. A programme id of null or "" means
/// the default programme. <see cref="ProgrammeModules"/> adds what needs the modules too (it depends on the
/// supervisor, which records through this class).
/// </summary>
public sealed class ProgrammeOffice(IGrainFactory grains, IClusterMembershipService membership, ProgrammeDocuments documents)
{
    // Grain references are immutable and cheap to keep, but Orleans resolves a grain's interface type by reflection on
    // every GetGrain: on the dashboard's pages that cost as much as the calls. One reference per grain key is kept here
    // (measures and goals are a programme's, checked before they are looked up).
    private static readonly ResiliencePipeline s_definitionMoved = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DefinitionMovedException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(20),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    private readonly ConcurrentDictionary<string, IMeasureGrain> _measures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ISharedGoalGrain> _goals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IProgrammeGrain> _programmes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IProgrammeMethodGrain> _methodGrains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProgrammeMethod> _methods = new(StringComparer.Ordinal);
    private IProgrammeDirectoryGrain? _directory;
    private readonly ConcurrentDictionary<string, ProgrammeScope> _scopes = new(StringComparer.Ordinal);
    private ProgrammeScope? _defaultScope;
    private IModuleRegistryGrain? _modules;

    private IProgrammeDirectoryGrain Directory => _directory ??= grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key);

    private IModuleRegistryGrain Modules => _modules ??= grains.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key);

    private IProgrammeGrain Programme(ProgrammeScope scope) => _programmes.GetOrAdd(scope.GrainKey, key => grains.GetGrain<IProgrammeGrain>(key));

    /// <summary>Every programme of the deployment, the default first.</summary>
    public Task<ProgrammePortfolio> PortfolioAsync() => Directory.ListAsync();

    /// <summary>
    /// Where the programme a call names lives. Throws <see cref="ProgrammeNotFoundException"/> for an id the
    /// deployment does not have, <see cref="ProgrammeDefinitionException"/> when it has none because its first
    /// programme file was refused.
    /// </summary>
    public async Task<ProgrammeScope> ScopeAsync(string? programmeId)
    {
        // A programme's scope never changes once it exists (there is no delete), and the default is the first programme
        // created: both are kept once known, so a call naming its programme costs no directory read. An id not seen
        // yet reads the directory, since another host of the cluster may just have created it.
        var known = string.IsNullOrEmpty(programmeId) ? Volatile.Read(ref _defaultScope) : _scopes.GetValueOrDefault(programmeId);
        if (known is not null)
        {
            return known;
        }

        var portfolio = await PortfolioAsync();
        foreach (var scope in portfolio.Programmes)
        {
            _scopes.TryAdd(scope.ProgrammeId, scope);
        }

        if (string.IsNullOrEmpty(programmeId))
        {
            var first = portfolio.Default ?? throw new ProgrammeDefinitionException(portfolio.Refusal.Select(e => e.ToError()));
            Volatile.Write(ref _defaultScope, first);
            return first;
        }

        return portfolio.Find(programmeId) ?? throw new ProgrammeNotFoundException(programmeId, portfolio.Programmes.Select(p => p.ProgrammeId));
    }

    /// <summary>Whether <paramref name="scope"/> is the deployment's default programme (the first created).</summary>
    public async Task<bool> IsDefaultAsync(ProgrammeScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return (await ScopeAsync(null)).ProgrammeId == scope.ProgrammeId;
        }
        catch (ProgrammeDefinitionException)
        {
            return false; // No default yet: the first programme file was refused and nothing has been created since.
        }
    }

    /// <summary>The default programme's definition in force; throws <see cref="ProgrammeDefinitionException"/> when this host refuses it.</summary>
    public Task<ProgrammeSnapshot> ProgrammeAsync() => ProgrammeAsync((string?)null);

    /// <summary>The named programme's definition in force (see <see cref="ScopeAsync"/>).</summary>
    public async Task<ProgrammeSnapshot> ProgrammeAsync(string? programmeId) => await ProgrammeAsync(await ScopeAsync(programmeId));

    /// <summary>The programme's definition in force; throws <see cref="ProgrammeDefinitionException"/> when this host refuses it.</summary>
    public async Task<ProgrammeSnapshot> ProgrammeAsync(ProgrammeScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var document = await Programme(scope).GetAsync();
        return new ProgrammeSnapshot(documents.Definition(document), document.Version, scope);
    }

    /// <summary>
    /// Creates a programme keyed by its YAML's id. Throws <see cref="ProgrammeDefinitionException"/> with every
    /// error, or <see cref="ProgrammeExistsException"/> when the id is taken.
    /// </summary>
    public async Task<ProgrammeCreation> CreateProgrammeAsync(string yaml, string fileName)
    {
        var creation = await Directory.CreateAsync(yaml, fileName);
        if (creation.AlreadyExists)
        {
            throw new ProgrammeExistsException(string.Join(Environment.NewLine, creation.Errors.Select(e => e.ToError().ToString())));
        }

        return creation.Accepted ? creation : throw new ProgrammeDefinitionException(creation.Errors.Select(e => e.ToError()));
    }

    /// <summary>
    /// Replaces a programme's definition; throws <see cref="ProgrammeDefinitionException"/> with every error and
    /// keeps the old one when the YAML is bad. A deployment whose first programme file was refused has no default
    /// programme yet: replacing "the default" then creates it.
    /// </summary>
    public async Task<long> UpdateProgrammeAsync(string? programmeId, string yaml, string fileName)
    {
        var portfolio = await PortfolioAsync();
        if (string.IsNullOrEmpty(programmeId) && portfolio.Default is null)
        {
            return (await CreateProgrammeAsync(yaml, fileName)).Version;
        }

        var scope = await ScopeAsync(programmeId);
        var update = await Programme(scope).UpdateAsync(yaml, fileName);
        return update.Accepted ? update.Version : throw new ProgrammeDefinitionException(update.Errors.Select(e => e.ToError()));
    }

    /// <summary>The default programme's goal; throws <see cref="KeyNotFoundException"/> when it has no such goal.</summary>
    public async Task<SharedGoalProgress> ProgressAsync(string goalId) => await ProgressAsync(await ProgrammeAsync(), goalId);

    /// <summary>Throws <see cref="KeyNotFoundException"/> when the programme has no such goal.</summary>
    public async Task<SharedGoalProgress> ProgressAsync(ProgrammeSnapshot programme, string goalId)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var goal = programme.Definition.FindGoal(goalId)
            ?? throw new KeyNotFoundException($"Programme '{programme.Definition.Id}' has no shared goal '{goalId}'.");
        var view = await _goals.GetOrAdd(programme.Scope.GoalKey(goalId), key => grains.GetGrain<ISharedGoalGrain>(key)).GetProgressAsync();
        return new SharedGoalProgress(goal, programme.Definition.FindMeasure(goal.Measure)!, view, view.ObservationSequence, programme.Version);
    }

    /// <summary>Every revision of a measure of the programme, in arrival order.</summary>
    public async Task<IReadOnlyList<ObservationRevision>> RevisionsAsync(ProgrammeScope programme, string measureId) =>
        [.. (await Measure(programme, measureId).GetHistoryAsync()).ToLedger().All()];

    /// <summary>A measure's stored observations in arrival order, with its sequence (how many there are: they are only ever added).</summary>
    public async Task<(long Sequence, IEnumerable<MeasureObservation> Observations)> ObservationsAsync(ProgrammeScope programme, string measureId)
    {
        var history = await Measure(programme, measureId).GetHistoryAsync();
        return (history.Sequence, history.ToDomain());
    }

    /// <summary>How many observations a measure of the programme holds; the same number means the same observations.</summary>
    public Task<long> SequenceAsync(ProgrammeScope programme, string measureId) => Measure(programme, measureId).GetSequenceAsync();

    /// <summary>Every measure's sequence, in the programme's order, read side by side.</summary>
    public async Task<MeasureSequences> SequencesAsync(ProgrammeSnapshot programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        string[] measureIds = [.. programme.Definition.Measures.Select(m => m.Id)];
        return new MeasureSequences(measureIds, await Task.WhenAll(measureIds.Select(id => SequenceAsync(programme.Scope, id))));
    }

    /// <summary>Checked observations of one measure of the programme, in one durable write; a conflict is answered per observation.</summary>
    public async Task<IReadOnlyList<MeasureRecordResult>> RecordAsync(ProgrammeScope programme, string measureId, IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        await Measure(programme, measureId).RecordAsync(MeasureBatch.Of(observations, upToFirstConflict));

    /// <summary>What <see cref="RecordAsync"/> would answer now, recording nothing.</summary>
    public async Task<IReadOnlyList<MeasureRecordResult>> CheckAsync(ProgrammeScope programme, string measureId, IReadOnlyList<MeasureObservation> observations, bool upToFirstConflict = false) =>
        await Measure(programme, measureId).CheckAsync(MeasureBatch.Of(observations, upToFirstConflict));

    /// <summary>A partner organisation of the ICS across the programmes; throws <see cref="KeyNotFoundException"/> when no programme has it.</summary>
    public Task<PartnerProfile> PartnerAsync(string partnerId) => grains.GetGrain<IPartnerOrganisationGrain>(partnerId).GetProfileAsync();

    public async Task<IReadOnlyList<RegisteredModuleState>> ModulesAsync() => await Modules.ListAsync();

    /// <summary>Registers or refreshes a module for <paramref name="partner"/>; refused (not accepted) when another partner owns the id.</summary>
    public Task<ModuleRegistration> RegisterModuleAsync(PluginDescription module, string partner, string registeredBy, DateTimeOffset at) =>
        Modules.RegisterAsync(module, partner, registeredBy, at);

    public Task RecordModuleReportsAsync(string moduleId, long observations, DateTimeOffset at) =>
        Modules.RecordReportsAsync(moduleId, observations, at);

    /// <summary>Watches a measure of the default programme (and the programme) from any host of the cluster.</summary>
    public async Task<ProgressWatch> WatchAsync(string measureId) => await WatchAsync(await ScopeAsync(null), measureId);

    /// <summary>Watches a measure's changes (and the programme's) from any host of the cluster.</summary>
    public Task<ProgressWatch> WatchAsync(ProgrammeScope programme, string measureId) => ProgressWatch.StartAsync(grains, membership, programme, measureId);

    /// <summary>
    /// The programme's method records (PDSA cycles, annotations, progress scores, learning events). Read again from
    /// the grain only when its version or the programme's has moved; otherwise one small version call.
    /// </summary>
    public async Task<ProgrammeMethod> MethodAsync(ProgrammeSnapshot programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var grain = Method(programme.Scope);
        var version = await grain.GetVersionAsync();
        if (_methods.TryGetValue(programme.Scope.GrainKey, out var known) && known.Version == version && known.ProgrammeVersion == programme.Version)
        {
            return known;
        }

        var records = await grain.GetAsync();
        var method = new ProgrammeMethod(MethodContract.ToSnapshot(records, programme.Definition), records, records.Version, programme.Version);
        _methods[programme.Scope.GrainKey] = method;
        return method;
    }

    /// <summary>
    /// Records a PDSA cycle, annotation, progress score or learning event, audited as <paramref name="author"/>'s. Throws
    /// <see cref="MethodRecordException"/> naming every field wrong, or <see cref="MethodWriteDeniedException"/> when the
    /// author may not write for a goal the record is about (<see cref="MethodWriters"/>).
    /// </summary>
    public async Task<MethodWriteResponse> WriteMethodAsync(ProgrammeScope programme, MethodWrite write, MethodAuthor author)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var result = await Method(programme).WriteAsync(write, author);
        if (result.Denied is { } denied)
        {
            throw new MethodWriteDeniedException(denied);
        }

        return result.Stored ?? throw new MethodRecordException(Word(write), [.. result.Errors.Select(e => e.ToError())]);
    }

    /// <summary>The audit of the programme's method writes in one month (UTC), oldest first.</summary>
    public async Task<IReadOnlyList<MethodAuditEntry>> MethodAuditAsync(ProgrammeScope programme, int year, int month)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return await grains.GetGrain<IMethodAuditGrain>(IMethodAuditGrain.Key(programme, year, month)).ListAsync();
    }

    /// <summary>
    /// Replaces one goal's driver diagram in the programme's definition (reviewed <paramref name="now"/>'s day), as a new
    /// programme version, and audits it as <paramref name="author"/>'s (record kind "driver_diagram", the entry's version
    /// the programme's). Throws <see cref="KeyNotFoundException"/> for a goal the programme does not have,
    /// <see cref="MethodWriteDeniedException"/> when the author may not write for the goal (<see cref="MethodWriters"/>), or
    /// <see cref="MethodRecordException"/> naming every field of the diagram the programme refuses, each path rooted at
    /// "diagram" ("diagram.primary_drivers[0].title"); the definition in force is then kept.
    /// </summary>
    public async Task<DriverDiagramUpdate> UpdateDriverDiagramAsync(ProgrammeScope scope, string goalId, DriverDiagram diagram, MethodAuthor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(author);
        try
        {
            // The diagram is applied to the definition in force and stored only if nobody changed it meanwhile; if
            // somebody did, it is applied again to what is there now, so their change is kept too.
            return await s_definitionMoved.ExecuteAsync(async _ => await ApplyDriverDiagramAsync(scope, goalId, diagram, author, now));
        }
        catch (DefinitionMovedException moved)
        {
            throw new ProgrammeDefinitionException(moved.Errors.Select(e => e.ToError()));
        }
    }

    private async Task<DriverDiagramUpdate> ApplyDriverDiagramAsync(ProgrammeScope scope, string goalId, DriverDiagram diagram, MethodAuthor author, DateTimeOffset now)
    {
        var programme = await ProgrammeAsync(scope);
        var definition = programme.Definition;
        var goal = definition.FindGoal(goalId) ?? throw new KeyNotFoundException($"Programme '{definition.Id}' has no shared goal '{goalId}'.");
        if (MethodWriters.Denial(author.Role, author.Partner, [goalId], definition) is { } denial)
        {
            throw new MethodWriteDeniedException(denial);
        }

        var changed = definition.WithDriverDiagram(goalId, diagram, DateOnly.FromDateTime(now.UtcDateTime));
        var diagramPath = $"goals[{definition.Goals.IndexOf(goal)}].driver_diagram";
        if (ProgrammeValidator.Validate(changed) is { IsEmpty: false } errors)
        {
            throw new MethodRecordException("driver diagram", [.. errors.Select(e => e.Path.StartsWith(diagramPath, StringComparison.Ordinal)
                ? e with { Path = "diagram" + e.Path[diagramPath.Length..] }
                : e)]);
        }

        var stored = changed.FindGoal(goalId)!.DriverDiagram!;
        var entry = new MethodAuditEntry
        {
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            Author = author,
            RecordKind = "driver_diagram",
            RecordId = goalId,
            Action = goal.DriverDiagram is null ? "created" : "updated",
        };
        entry.GoalIds.Add(goalId);
        entry.Changes.AddRange(MethodViews.Changes(goal.DriverDiagram, stored));
        // The entry is stored with the definition and then added to the month's audit (the grain sets its version).
        var update = await Programme(scope).UpdateAuditedAsync(YamlProgrammeWriter.Write(changed), $"{definition.Id}.yaml", programme.Version, entry);
        if (!update.Accepted)
        {
            throw update.Errors.Any(e => e.Path == "version")
                ? new DefinitionMovedException(update.Errors)
                : new ProgrammeDefinitionException(update.Errors.Select(e => e.ToError()));
        }

        return new DriverDiagramUpdate(update.Version, stored);
    }

    /// <summary>The definition changed between reading it and storing an edit of it.</summary>
    private sealed class DefinitionMovedException(IReadOnlyList<ProgrammeErrorLine> errors) : Exception("The programme changed meanwhile.")
    {
        public IReadOnlyList<ProgrammeErrorLine> Errors { get; } = errors;
    }

    private IProgrammeMethodGrain Method(ProgrammeScope programme) =>
        _methodGrains.GetOrAdd(programme.GrainKey, key => grains.GetGrain<IProgrammeMethodGrain>(key));

    /// <summary>"PDSA cycle", "annotation", "progress score", "learning event": what a write records, as messages say it.</summary>
    internal static string Word(MethodWrite write) => write.RecordCase switch
    {
        MethodWrite.RecordOneofCase.Cycle => "PDSA cycle",
        MethodWrite.RecordOneofCase.Annotation => "annotation",
        MethodWrite.RecordOneofCase.Score => "progress score",
        MethodWrite.RecordOneofCase.LearningEvent => "learning event",
        _ => "method record",
    };

    private IMeasureGrain Measure(ProgrammeScope programme, string measureId)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return _measures.GetOrAdd(programme.MeasureKey(measureId), key => grains.GetGrain<IMeasureGrain>(key));
    }
}
