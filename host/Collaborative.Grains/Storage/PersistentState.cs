using Google.Protobuf;

namespace Collaborative.Grains.Storage;

/// <summary>Reads before activation, so the runtime sees every state of a grain through this non-generic face.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: protobuf bytes in an <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, IPersistentStateLoader
    where TState : IMessage<TState>, new()
{
    private static readonly MessageParser<TState> s_parser = new(() => new TState());

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    // No ConfigureAwait(false) here: the tail of each method updates Etag/State and must stay inside the grain's turn.
    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(grainId, stateName, cancellationToken);
        Etag = record?.Etag;
        RecordExists = record?.Data is not null;
        State = record?.Data is { } data ? s_parser.ParseFrom(data) : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = State.ToByteArray();
        try
        {
            Etag = await storage.WriteAsync(grainId, stateName, data, Etag, cancellationToken);
        }
        catch (InconsistentStateException e) when (e.GrainId is null)
        {
            throw Attributed(e);
        }

        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            Etag = await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        }
        catch (InconsistentStateException e) when (e.GrainId is null)
        {
            throw Attributed(e);
        }

        RecordExists = false;
        State = new TState();
    }

    // The runtime deactivates and retries only the grain named in the exception; a store that did not name it
    // (a custom IGrainStorage) still gets that behaviour.
    private InconsistentStateException Attributed(InconsistentStateException e) =>
        new(e.Message, e.StoredEtag, e.CurrentEtag) { GrainId = grainId };
}
