using System.Runtime.CompilerServices;

namespace Collaborative.Grpc.Client;

/// <summary>A unary call in flight. Await it (or <see cref="ResponseAsync"/>) for the response; dispose to cancel.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _call;

    internal AsyncUnaryCall(Task<TResponse> response, IClientCallState call)
    {
        ResponseAsync = response;
        _call = call;
    }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}

/// <summary>A server-streaming call in flight.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCallState _call;

    internal AsyncServerStreamingCall(IClientCallState call)
    {
        _call = call;
        ResponseStream = (IAsyncStreamReader<TResponse>)call.CreateResponseReader();
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}

/// <summary>A client-streaming call in flight: write requests, complete, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _call;

    internal AsyncClientStreamingCall(IClientCallState call, Task<TResponse> response)
    {
        _call = call;
        RequestStream = (IClientStreamWriter<TRequest>)call.CreateRequestWriter();
        ResponseAsync = response;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}

/// <summary>A bidirectional call in flight: requests and responses flow independently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _call;

    internal AsyncDuplexStreamingCall(IClientCallState call)
    {
        _call = call;
        RequestStream = (IClientStreamWriter<TRequest>)call.CreateRequestWriter();
        ResponseStream = (IAsyncStreamReader<TResponse>)call.CreateResponseReader();
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}

/// <summary>What the public call objects need of a call, whatever its message types.</summary>
internal interface IClientCallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();

    object CreateResponseReader();

    object CreateRequestWriter();
}
