using Collaborative.Contracts.V1;
using Collaborative.Grains;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Programme;

/// <summary>
/// Holds the programme definition. On the very first activation it takes the configured file (or the
/// sample programme), and for the sample seeds the history of measures no plugin feeds.
/// </summary>
internal sealed class ProgrammeGrain(
    [PersistentState("programme")] IPersistentState<ProgrammeState> state,
    IOptions<ProgrammeOptions> options,
    IHostEnvironment environment,
    ProgressNotifier notifier,
    TimeProvider time,
    ILogger<ProgrammeGrain> log) : Grain, IProgrammeGrain
{
    private ProgrammeSnapshot? _snapshot;

    // Why there is no snapshot: the grain stays active with it, so UpdateProgramme can still replace a
    // programme this host refuses (a bad first file, or a stored one from before a limit existed).
    private ProgrammeDefinitionException? _refused;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (ProgrammeDefinitionException ex)
        {
            _refused = ex;
            log.LogError("The programme was refused; every reader is told why until UpdateProgramme replaces it. {Refusal}", ex.Message);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            _snapshot = new ProgrammeSnapshot(YamlProgrammeLoader.Load(state.State.Yaml, state.State.FileName), state.State.Version);
            return;
        }

        var (yaml, fileName, sample) = options.Value.File is { Length: > 0 } file
            ? (await ReadProgrammeFileAsync(Path.Combine(environment.ContentRootPath, file), cancellationToken), Path.GetFileName(file), false)
            : (DefaultProgramme.Yaml(), DefaultProgramme.FileName, true);
        var definition = YamlProgrammeLoader.Load(yaml, fileName);
        if (sample && options.Value.SeedSampleHistory)
        {
            await SeedSampleHistoryAsync(definition);
        }

        state.State = new ProgrammeState { Yaml = yaml, FileName = fileName, Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) };
        await state.WriteStateAsync();
        _snapshot = new ProgrammeSnapshot(definition, 1);
        log.LogInformation("Programme '{Programme}' created from {File}: {Goals} shared goals, {Partners} partners", definition.Id, fileName, definition.Goals.Length, definition.Partners.Length);
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

    public Task<ProgrammeSnapshot> GetAsync() =>
        _snapshot is { } snapshot ? Task.FromResult(snapshot) : Task.FromException<ProgrammeSnapshot>(_refused!);

    public async Task<long> UpdateAsync(string yaml, string fileName)
    {
        var definition = YamlProgrammeLoader.Load(yaml, fileName); // throws, whole, before anything changes
        var version = (_snapshot?.Version ?? (state.RecordExists ? state.State.Version : 0)) + 1;
        state.State = new ProgrammeState { Yaml = yaml, FileName = fileName, Version = version, UpdatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) };
        await state.WriteStateAsync();
        _snapshot = new ProgrammeSnapshot(definition, version);
        _refused = null;
        notifier.ProgrammeChanged();
        log.LogInformation("Programme '{Programme}' updated to version {Version}", definition.Id, version);
        return version;
    }

    /// <summary>Sample history for measures no module feeds (modules bring their own history).</summary>
    private async Task SeedSampleHistoryAsync(ProgrammeDefinition definition)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var history = DefaultProgramme.History(definition, asOf)
            .Where(o => definition.FindMeasure(o.MeasureId)?.Module is null)
            .GroupBy(o => o.MeasureId);
        foreach (var measure in history)
        {
            var grain = GrainFactory.GetGrain<IMeasureGrain>(measure.Key);
            await grain.RecordManyAsync([.. measure]);
        }
    }
}
