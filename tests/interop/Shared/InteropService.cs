using System.Collections.Concurrent;
using Grpc.Core;
using Collaborative.Interop.V1;
using Google.Protobuf;

namespace Collaborative.Interop.Tests;

/// <summary>Our implementation of interop.v1.InteropTest, with the semantics in interop.proto.</summary>
public sealed class InteropService : InteropTest.InteropTestBase
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _outcomes = new();

    /// <summary>The grpc-encoding header of the last Unary call (to prove a peer really compressed).</summary>
    public string? LastUnaryEncoding { get; private set; }

    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        LastUnaryEncoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString();
        return Task.FromResult(new EchoReply { Text = request.Text, N = request.N, Payload = request.Payload });
    }

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        for (var i = 0L; i < request.Count; i++)
        {
            await responses.WriteAsync(new EchoReply { Text = $"item-{i}", N = i });
        }
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        var sum = 0L;
        await foreach (var request in requests.ReadAllAsync())
        {
            texts.Add(request.Text);
            sum += request.N;
        }

        return new EchoReply { Text = string.Join(",", texts), N = sum, Count = texts.Count };
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await foreach (var request in requests.ReadAllAsync())
        {
            await responses.WriteAsync(new EchoReply { Text = request.Text, N = request.N, Payload = request.Payload });
        }
    }

    public override Task<EchoReply> Fail(FailRequest request, ServerCallContext context) =>
        throw new RpcException(new Status((StatusCode)request.Code, request.Message));

    public override async Task<EchoReply> Sleep(SleepRequest request, ServerCallContext context)
    {
        var outcome = _outcomes.GetOrAdd(request.Tag, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(request.Millis), context.CancellationToken);
            outcome.TrySetResult("completed");
            return new EchoReply { Text = request.Tag };
        }
        catch (OperationCanceledException)
        {
            outcome.TrySetResult("cancelled");
            throw;
        }
    }

    public override async Task<OutcomeReply> Outcome(OutcomeRequest request, ServerCallContext context)
    {
        var outcome = _outcomes.GetOrAdd(request.Tag, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        var finished = await Task.WhenAny(outcome.Task, Task.Delay(TimeSpan.FromMilliseconds(request.WaitMillis)));
        return new OutcomeReply { Outcome = finished == outcome.Task ? outcome.Task.Result : "" };
    }

    public override async Task<EchoReply> EchoMetadata(EchoRequest request, ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            echoed.Add(entry);
            context.ResponseTrailers.Add(entry);
        }

        await context.WriteResponseHeadersAsync(echoed);
        return new EchoReply { Text = request.Text, N = request.N };
    }

    public override Task<EchoReply> Big(SizeRequest request, ServerCallContext context)
    {
        var payload = new byte[request.Size];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i % 256);
        }

        return Task.FromResult(new EchoReply { Payload = ByteString.CopyFrom(payload) });
    }
}
