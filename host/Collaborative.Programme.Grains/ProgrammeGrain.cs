using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collaborative.Programme.Grains;

/// <summary>
/// Holds the programme definition. On the very first activation it takes the configured file (or the
/// sample programme), and for the sample seeds the history of measures no module feeds.
/// </summary>
internal sealed class ProgrammeGrain(
    [PersistentState("programme")] IPersistentState<ProgrammeState> state,
    IOptions<ProgrammeOptions> options,
    IHostEnvironment environment,
    StorageConflicts conflicts,
    TimeProvider time,
    ILogger<ProgrammeGrain> log) : Grain, IProgrammeGrain
{
    private readonly ProgressWatchers _watchers = new(log);
    private ProgrammeDocument _document = new(0, string.Empty, string.Empty, []);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (ProgrammeDefinitionException ex)
        {
            // The grain stays active without a definition, so UpdateProgramme can still replace a programme
            // this host refuses (a bad first file, or a stored one from before a limit existed).
            _document = _document with { Refusal = ProgrammeErrorLine.From(ex) };
            log.LogError("The programme was refused; every reader is told why until UpdateProgramme replaces it. {Refusal}", ex.Message);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            _document = new ProgrammeDocument(state.State.Version, state.State.Yaml, state.State.FileName, []);
            YamlProgrammeLoader.Load(state.State.Yaml, state.State.FileName); // a stored definition a newer limit refuses
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

        await conflicts.WriteAsync(state, () => state.State = NewState(yaml, fileName, 1), () => { });
        _document = new ProgrammeDocument(1, yaml, fileName, []);
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

    public Task<ProgrammeDocument> GetAsync() => Task.FromResult(_document);

    public async Task<ProgrammeUpdate> UpdateAsync(string yaml, string fileName)
    {
        ProgrammeDefinition definition;
        try
        {
            definition = YamlProgrammeLoader.Load(yaml, fileName); // whole, before anything changes
        }
        catch (ProgrammeDefinitionException ex)
        {
            return new ProgrammeUpdate(false, _document.Version, ProgrammeErrorLine.From(ex));
        }

        // Versions rise from what is stored, also after a conflict re-read it.
        var version = await conflicts.WriteAsync(
            state,
            () =>
            {
                var next = (state.RecordExists ? state.State.Version : 0) + 1;
                state.State = NewState(yaml, fileName, next);
                return next;
            },
            () => { });
        _document = new ProgrammeDocument(version, yaml, fileName, []);
        _watchers.Notify(w => w.ProgrammeChanged(version));
        log.LogInformation("Programme '{Programme}' updated to version {Version}", definition.Id, version);
        return new ProgrammeUpdate(true, version, []);
    }

    public Task SubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Subscribe(watcher);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    private ProgrammeState NewState(string yaml, string fileName, long version) =>
        new() { Yaml = yaml, FileName = fileName, Version = version, UpdatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) };

    /// <summary>Sample history for measures no module feeds (modules bring their own history).</summary>
    private async Task SeedSampleHistoryAsync(ProgrammeDefinition definition)
    {
        // Programme → measure only: a measure grain never calls the programme grain, so this cannot cycle.
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var history = DefaultProgramme.History(definition, asOf)
            .Where(o => definition.FindMeasure(o.MeasureId)?.Module is null)
            .GroupBy(o => o.MeasureId);
        foreach (var measure in history)
        {
            await GrainFactory.GetGrain<IMeasureGrain>(measure.Key).RecordAsync(MeasureBatch.Of([.. measure]));
        }
    }
}
