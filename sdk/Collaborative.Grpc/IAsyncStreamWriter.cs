namespace Collaborative.Grpc;

/// <summary>Writes a stream of messages. One write at a time: await each before the next.</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
