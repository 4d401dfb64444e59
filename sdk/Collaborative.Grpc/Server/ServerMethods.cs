using Collaborative.Grpc.Internal;
using Google.Protobuf;

namespace Collaborative.Grpc.Server;

/// <summary>Handler shapes, the same as grpc-dotnet's, so service code moves between the two unchanged.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);

public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>One bound method: reads requests, calls the handler, writes responses.</summary>
internal abstract class ServerMethod(string path, MethodType type)
{
    public string Path { get; } = path;

    public MethodType Type { get; } = type;

    public abstract Task InvokeAsync(ServerCallContext call);
}

internal sealed class UnaryServerMethodInvoker<TRequest, TResponse>(string path, MessageParser<TRequest> parser, UnaryServerMethod<TRequest, TResponse> handler)
    : ServerMethod(path, MethodType.Unary)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override Task InvokeAsync(ServerCallContext call)
    {
        // Synchronous end to end when the request is already here and the handler completes at once, which is
        // most unary calls: no state machines. The middleware treats a synchronous throw like a faulted task.
        var reading = call.ReadSingleMessageAsync(parser);
        if (!reading.IsCompletedSuccessfully)
        {
            return InvokeAfterReadAsync(reading, call);
        }

        var handling = handler(reading.Result, call);
        if (!handling.IsCompletedSuccessfully)
        {
            return WriteWhenHandledAsync(handling, call);
        }

        return call.WriteMessageAsync(handling.Result ?? throw NullResponse(Path), flush: false);
    }

    private async Task InvokeAfterReadAsync(ValueTask<TRequest> reading, ServerCallContext call)
    {
        var request = await reading.ConfigureAwait(false);
        await WriteWhenHandledAsync(handler(request, call), call).ConfigureAwait(false);
    }

    private async Task WriteWhenHandledAsync(Task<TResponse> handling, ServerCallContext call)
    {
        var response = await handling.ConfigureAwait(false);
        await call.WriteMessageAsync(response ?? throw NullResponse(Path), flush: false).ConfigureAwait(false);
    }

    internal static RpcException NullResponse(string path) => new(StatusCode.Internal, $"The handler for {path} returned no response message.");
}

internal sealed class ClientStreamingServerMethodInvoker<TRequest, TResponse>(string path, MessageParser<TRequest> parser, ClientStreamingServerMethod<TRequest, TResponse> handler)
    : ServerMethod(path, MethodType.ClientStreaming)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override async Task InvokeAsync(ServerCallContext call)
    {
        var requests = new ServerRequestStream<TRequest>(call, call.CreateReader(parser));
        var response = await handler(requests, call).ConfigureAwait(false);
        await call.WriteMessageAsync(response ?? throw UnaryServerMethodInvoker<TRequest, TResponse>.NullResponse(Path), flush: false).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingServerMethodInvoker<TRequest, TResponse>(string path, MessageParser<TRequest> parser, ServerStreamingServerMethod<TRequest, TResponse> handler)
    : ServerMethod(path, MethodType.ServerStreaming)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override async Task InvokeAsync(ServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(parser).ConfigureAwait(false);
        await handler(request, new ServerResponseStream<TResponse>(call), call).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingServerMethodInvoker<TRequest, TResponse>(string path, MessageParser<TRequest> parser, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    : ServerMethod(path, MethodType.DuplexStreaming)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override Task InvokeAsync(ServerCallContext call) =>
        handler(new ServerRequestStream<TRequest>(call, call.CreateReader(parser)), new ServerResponseStream<TResponse>(call), call);
}

internal sealed class ServerRequestStream<T>(ServerCallContext call, MessageReader<T> reader) : IAsyncStreamReader<T>
    where T : IMessage<T>
{
    public T Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        var (has, message) = await reader.ReadAsync(linked?.Token ?? call.CancellationToken).ConfigureAwait(false);
        if (has)
        {
            Current = message!;
        }

        return has;
    }
}

internal sealed class ServerResponseStream<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteMessageAsync(message, flush: true);
    }
}
