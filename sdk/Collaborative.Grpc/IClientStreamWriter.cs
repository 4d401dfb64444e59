namespace Collaborative.Grpc;

/// <summary>A client's request stream; <see cref="CompleteAsync"/> tells the server nothing more will come.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    Task CompleteAsync();
}
