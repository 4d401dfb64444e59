using System.Collections.Immutable;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collaborative.Programme.Grains;

/// <summary>
/// The deployment's programmes. First activation on a store without a directory: a programme stored by a host
/// of one programme (key <see cref="IProgrammeGrain.LegacyKey"/>) becomes the default programme in place, keys
/// unchanged; otherwise the configured file, or the sample programmes with their history, are created.
/// Directory → programme and directory → measure (sample history) only; neither calls the directory.
/// </summary>
internal sealed class ProgrammeDirectoryGrain(
    [PersistentState("programmes")] IPersistentState<ProgrammeDirectoryState> state,
    IOptions<ProgrammeOptions> options,
    IHostEnvironment environment,
    StorageConflicts conflicts,
    TimeProvider time,
    ILogger<ProgrammeDirectoryGrain> log) : Grain, IProgrammeDirectoryGrain
{
    private ImmutableArray<ProgrammeErrorLine> _refusal = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            return;
        }

        var legacy = await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.LegacyKey).GetAsync();
        if (legacy.Version > 0)
        {
            // Upgraded in place: the programme keeps its keys (and its measures their observations), unprefixed.
            var id = legacy.IsRefused ? IProgrammeGrain.LegacyKey : YamlProgrammeLoader.Load(legacy.Yaml, legacy.FileName).Id;
            await AddAsync(ProgrammeScope.Legacy(id));
            log.LogInformation("Programme '{Programme}' of a single-programme store is the default programme, read under its old keys", id);
            return;
        }

        try
        {
            await CreateFirstProgrammesAsync(cancellationToken);
        }
        catch (ProgrammeDefinitionException ex)
        {
            // The directory stays active and empty, so CreateProgramme (or UpdateProgramme) can still make one.
            _refusal = ProgrammeErrorLine.From(ex);
            log.LogError("The first programme was refused; every reader is told why until a programme is created. {Refusal}", ex.Message);
        }
    }

    private async Task CreateFirstProgrammesAsync(CancellationToken cancellationToken)
    {
        var files = options.Value.File is { Length: > 0 } file
            ? [(await ReadProgrammeFileAsync(Path.Combine(environment.ContentRootPath, file), cancellationToken), Path.GetFileName(file))]
            : DefaultProgramme.Samples();
        // Every file loads before any is kept: a first start makes all its programmes or none.
        var definitions = files.Select(f => (f.Yaml, f.FileName, Definition: YamlProgrammeLoader.Load(f.Yaml, f.FileName))).ToList();
        // Every sample is seeded before any programme is listed, and each seed is idempotent: a first start that fails
        // while seeding (a store down) lists nothing, and the next activation does it all again.
        if (options.Value.File is not { Length: > 0 } && options.Value.SeedSampleHistory)
        {
            foreach (var (_, _, definition) in definitions)
            {
                await SeedSampleHistoryAsync(ProgrammeScope.Of(definition.Id), definition);
                await SeedSampleMethodAsync(ProgrammeScope.Of(definition.Id), definition);
            }
        }

        foreach (var (yaml, fileName, _) in definitions)
        {
            var creation = await CreateAsync(yaml, fileName);
            if (!creation.Accepted)
            {
                throw new ProgrammeDefinitionException(creation.Errors.Select(e => e.ToError()));
            }
        }
    }

    /// <summary>A configured file that cannot be read is a refused programme, said the same way as a bad one.</summary>
    private static async Task<string> ReadProgrammeFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProgrammeDefinitionException([new ProgrammeError { File = path, Message = $"cannot read the programme file: {ex.Message}" }]);
        }
    }

    public Task<ProgrammePortfolio> ListAsync() => Task.FromResult(new ProgrammePortfolio(Scopes(), _refusal));

    public async Task<ProgrammeCreation> CreateAsync(string yaml, string fileName)
    {
        ProgrammeDefinition definition;
        try
        {
            definition = YamlProgrammeLoader.Load(yaml, fileName);
        }
        catch (ProgrammeDefinitionException ex)
        {
            return new ProgrammeCreation(null, 0, false, ProgrammeErrorLine.From(ex));
        }

        var scope = ProgrammeScope.Of(definition.Id);
        if (Scopes().FirstOrDefault(s => s.ProgrammeId == scope.ProgrammeId || s.GrainKey == scope.GrainKey) is { } taken)
        {
            return new ProgrammeCreation(null, 0, true,
                [new ProgrammeErrorLine(fileName, null, null, "id", $"'{definition.Id}' is taken by programme '{taken.ProgrammeId}'; replace it with UpdateProgramme, or choose another id")]);
        }

        // The programme first, then its entry: a crash in between leaves a programme nobody lists, which
        // creating it again replaces; never an entry without a programme.
        var update = await GrainFactory.GetGrain<IProgrammeGrain>(scope.GrainKey).UpdateAsync(yaml, fileName);
        if (!update.Accepted)
        {
            return new ProgrammeCreation(null, 0, false, update.Errors);
        }

        await AddAsync(scope);
        _refusal = [];
        log.LogInformation("Programme '{Programme}' created from {File}: {Goals} shared goals, {Partners} partners", definition.Id, fileName, definition.Goals.Length, definition.Partners.Length);
        return new ProgrammeCreation(scope, update.Version, false, []);
    }

    private ImmutableArray<ProgrammeScope> Scopes() =>
        [.. state.State.Programmes.Select(p => new ProgrammeScope(p.ProgrammeId, p.GrainKey, p.KeyPrefix))];

    private Task AddAsync(ProgrammeScope scope) =>
        conflicts.WriteAsync(
            state,
            () =>
            {
                // Decided again on every attempt: after a conflict another host may have added it.
                if (!state.State.Programmes.Any(p => p.ProgrammeId == scope.ProgrammeId))
                {
                    state.State.Programmes.Add(new ProgrammeEntryState
                    {
                        ProgrammeId = scope.ProgrammeId,
                        GrainKey = scope.GrainKey,
                        KeyPrefix = scope.KeyPrefix,
                        CreatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    });
                }

                return true;
            },
            () => { });

    /// <summary>The sample programme's improvement method at work: PDSA cycles, notes, team scores and a learning event.</summary>
    private async Task SeedSampleMethodAsync(ProgrammeScope scope, ProgrammeDefinition definition)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var records = MethodContract.ToContract(DefaultMethodRecords.For(definition, asOf), 0);
        await GrainFactory.GetGrain<IProgrammeMethodGrain>(scope.GrainKey)
            .SeedAsync(records, new MethodAuthor { Principal = "sample data", Role = "admin" });
    }

    /// <summary>Sample history for measures no module feeds (modules bring their own history).</summary>
    private async Task SeedSampleHistoryAsync(ProgrammeScope scope, ProgrammeDefinition definition)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var history = DefaultProgramme.History(definition, asOf)
            .Where(o => definition.FindMeasure(o.MeasureId)?.Module is null)
            .GroupBy(o => o.MeasureId);
        foreach (var measure in history)
        {
            await GrainFactory.GetGrain<IMeasureGrain>(scope.MeasureKey(measure.Key)).RecordAsync(MeasureBatch.Of([.. measure]));
        }
    }
}
