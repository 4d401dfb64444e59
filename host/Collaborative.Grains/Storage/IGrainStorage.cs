namespace Collaborative.Grains;

/// <summary>
/// A durable store of grain state records (Orleans' <c>IGrainStorage</c>, at the byte level: serialization belongs to
/// <see cref="IPersistentState{TState}"/>). Every write is a compare-and-set on the ETag.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a record; <see langword="null"/> if none was ever written.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> if the stored ETag equals <paramref name="etag"/> (null: no record may
    /// exist). Returns the new ETag once the write is durable.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken);

    /// <summary>Clears a record if the stored ETag equals <paramref name="etag"/>. Returns the new ETag (a tombstone
    /// keeps the version moving, so an old ETag can never match again), or null when there was nothing to clear.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken);
}
