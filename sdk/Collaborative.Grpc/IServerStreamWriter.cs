namespace Collaborative.Grpc;

/// <summary>A server handler's response stream; each message is flushed to the client as it is written.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
