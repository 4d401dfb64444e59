using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Definition;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Collaborative.Programme.Grains;

/// <summary>
/// Holds one programme's definition, keyed by the programme's id (or <see cref="IProgrammeGrain.LegacyKey"/> for
/// a programme a single-programme host stored). It creates nothing by itself: the directory creates programmes
/// and takes the first-start file or samples. Calls only measures' watchers (one-way), no grain.
/// </summary>
internal sealed class ProgrammeGrain(
    [PersistentState("programme")] IPersistentState<ProgrammeState> state,
    StorageConflicts conflicts,
    TimeProvider time,
    ILogger<ProgrammeGrain> log) : Grain, IProgrammeGrain
{
    private readonly ProgressWatchers _watchers = new(log);
    private ProgrammeDocument _document = new(0, string.Empty, string.Empty, []);

    /// <summary>The document of what is stored (also after a storage conflict re-read it).</summary>
    private void Load()
    {
        if (!state.RecordExists)
        {
            return;
        }

        _document = new ProgrammeDocument(state.State.Version, state.State.Yaml, state.State.FileName, []);
        try
        {
            YamlProgrammeLoader.Load(state.State.Yaml, state.State.FileName); // a stored definition a newer limit refuses
        }
        catch (ProgrammeDefinitionException ex)
        {
            // The grain stays active without a definition, so UpdateProgramme can still replace it.
            _document = _document with { Refusal = ProgrammeErrorLine.From(ex) };
            log.LogError("The stored programme {Key} was refused; every reader is told why until UpdateProgramme replaces it. {Refusal}", this.GetPrimaryKeyString(), ex.Message);
        }
    }

    public Task<ProgrammeDocument> GetAsync() => Task.FromResult(_document);

    public Task<ProgrammeUpdate> UpdateAsync(string yaml, string fileName) => UpdateAsync(yaml, fileName, null, null);

    public Task<ProgrammeUpdate> UpdateAuditedAsync(string yaml, string fileName, long expectedVersion, MethodAuditEntry audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return UpdateAsync(yaml, fileName, expectedVersion, audit);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Load();
        await PendingAudit.FlushAsync(GrainFactory, this.GetPrimaryKeyString(), state.State.PendingAudit, log);
    }

    private async Task<ProgrammeUpdate> UpdateAsync(string yaml, string fileName, long? expectedVersion, MethodAuditEntry? audit)
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

        if (ExpectedId() is { } expected && definition.Id != expected)
        {
            // Another id would be another programme: it is created, not swapped in under this one's key.
            return new ProgrammeUpdate(false, _document.Version,
                [new ProgrammeErrorLine(fileName, null, null, "id", $"'{definition.Id}' is not this programme's id '{expected}'; a programme keeps its id (create a new programme for a new id)")]);
        }

        if (expectedVersion is { } asked && asked != _document.Version)
        {
            return Moved(fileName, asked);
        }

        // Versions rise from what is stored, also after a conflict re-read it.
        var version = await conflicts.WriteAsync(
            state,
            () =>
            {
                var stored = state.RecordExists ? state.State.Version : 0;
                if (expectedVersion is { } stillAsked && stillAsked != stored)
                {
                    return -stored; // another host changed it meanwhile: nothing changes here
                }

                var next = stored + 1;
                var pending = state.State.PendingAudit.ToList();
                state.State = NewState(yaml, fileName, next);
                state.State.PendingAudit.AddRange(pending);
                if (audit is not null)
                {
                    var entry = audit.Clone();
                    entry.Version = next;
                    state.State.PendingAudit.Add(entry);
                }

                return next;
            },
            Load);
        if (version <= 0)
        {
            return Moved(fileName, expectedVersion!.Value);
        }

        _document = new ProgrammeDocument(version, yaml, fileName, []);
        _watchers.Notify(w => w.ProgrammeChanged(version));
        log.LogInformation("Programme '{Programme}' stored as version {Version}", definition.Id, version);
        await PendingAudit.FlushAsync(GrainFactory, this.GetPrimaryKeyString(), state.State.PendingAudit, log);
        return new ProgrammeUpdate(true, version, []);
    }

    private ProgrammeUpdate Moved(string fileName, long asked) =>
        new(false, _document.Version, [new ProgrammeErrorLine(fileName, null, null, "version",
            $"the programme is at version {_document.Version}, not {asked}: it changed meanwhile; read it again and make the change to what is there now")]);

    /// <summary>The id a definition must have here: a created programme's key, or the id the upgraded programme was stored with.</summary>
    private string? ExpectedId()
    {
        var key = this.GetPrimaryKeyString();
        if (key != IProgrammeGrain.LegacyKey)
        {
            return key;
        }

        if (!state.RecordExists || _document.IsRefused)
        {
            return null;
        }

        return YamlProgrammeLoader.Load(state.State.Yaml, state.State.FileName).Id;
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
}
