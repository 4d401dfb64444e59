namespace Collaborative.Grpc;

/// <summary>Reads a stream of messages one at a time (request stream on a server, response stream on a client).</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message the last successful <see cref="MoveNext"/> read.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false when the peer has finished sending.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}
