using Google.Protobuf;

namespace Collaborative.Grains;

/// <summary>
/// A grain's durable state (Orleans' <c>IPersistentState&lt;TState&gt;</c>), read before <see cref="Grain.OnActivateAsync"/>.
/// The state is a protobuf message, so its schema evolves by field number. Not thread-safe: use it from grain turns.
/// </summary>
/// <typeparam name="TState">The protobuf message holding the state.</typeparam>
public interface IPersistentState<TState>
    where TState : IMessage<TState>, new()
{
    /// <summary>The state; a new, empty message when no record exists.</summary>
    TState State { get; set; }

    /// <summary>Opaque version of the stored record this state was read from or last written as; <see langword="null"/> when never stored.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored record, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; returns when the write is durable.</summary>
    /// <exception cref="InconsistentStateException">The stored record changed since it was read (stale <see cref="Etag"/>).</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored record and resets <see cref="State"/>; returns when durable.</summary>
    /// <exception cref="InconsistentStateException">The stored record changed since it was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
