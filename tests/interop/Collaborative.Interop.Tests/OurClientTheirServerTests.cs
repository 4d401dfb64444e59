using System.Diagnostics;
using Collaborative.Grpc;
using Collaborative.Grpc.Client;
using Collaborative.Interop.V1;
using Google.Protobuf;

namespace Collaborative.Interop.Tests;

/// <summary>Our client calls a real peer's server, every call kind and failure the interop contract names.</summary>
public abstract class OurClientTheirServerTests : IDisposable
{
    private readonly GrpcChannel _channel;

    protected OurClientTheirServerTests(PeerServer server)
    {
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>Opens the connection, so a short deadline measures the call and the server is sure to see it start.</summary>
    private Task WarmUpAsync() => _channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "warm-up" });

    [Fact]
    public async Task Unary_NonAsciiText_IsEchoed()
    {
        var reply = await _channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "héllo wörld ✓", N = 42 });
        Assert.Equal("héllo wörld ✓", reply.Text);
        Assert.Equal(42, reply.N);
    }

    [Fact]
    public async Task ServerStreaming_TenThousandMessages_ArriveInOrder()
    {
        using var call = _channel.AsyncServerStreamingCall(InteropMethods.ServerStream, new StreamRequest { Count = 10_000 });
        var expected = 0L;
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(expected, reply.N);
            Assert.Equal($"item-{expected}", reply.Text);
            expected++;
        }

        Assert.Equal(10_000, expected);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_HundredMessages_AreAggregated()
    {
        using var call = _channel.AsyncClientStreamingCall(InteropMethods.ClientStream);
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"m{i}", N = i });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Equal(100, reply.Count);
        Assert.Equal(4950, reply.N);
        Assert.Equal(string.Join(",", Enumerable.Range(0, 100).Select(i => $"m{i}")), reply.Text);
    }

    [Fact]
    public async Task Bidi_PingPong_EachEchoArrivesBeforeTheNextSend()
    {
        using var call = _channel.AsyncDuplexStreamingCall(InteropMethods.Bidi, CallOptions.WithTimeout(TimeSpan.FromSeconds(20)));
        for (var i = 0; i < 50; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"ping-{i}", N = i });
            Assert.True(await call.ResponseStream.MoveNext(), $"no echo for ping {i}");
            Assert.Equal(i, call.ResponseStream.Current.N);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Error_NonAsciiMessage_ArrivesIntact()
    {
        const string message = "Zielwert überschritten — 目标 ✓ 100%";
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(InteropMethods.Fail, new FailRequest { Code = 9, Message = message }));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
    }

    [Fact]
    public async Task Deadline_ShortDeadline_FailsFastAndTheServerSeesTheCallEnd()
    {
        var tag = "dl-" + Guid.NewGuid().ToString("N");
        await WarmUpAsync(); // the 200 ms deadline is for the call, not for connecting to a freshly started peer
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(InteropMethods.Sleep, new SleepRequest { Millis = 5000, Tag = tag }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200))));
        watch.Stop();
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(watch.ElapsedMilliseconds, 150, 2500);

        var outcome = await _channel.UnaryAsync(InteropMethods.Outcome, new OutcomeRequest { Tag = tag, WaitMillis = 15_000 });
        Assert.Equal("cancelled", outcome.Outcome);
    }

    [Fact]
    public async Task Metadata_AsciiAndBinary_AreEchoedAsHeadersAndTrailers()
    {
        var bytes = new byte[] { 0, 1, 2, 250, 251, 255, 10, 13 };
        var headers = new Metadata().Add("x-ascii", "plain value 123").Add("x-bin-bin", bytes);
        using var call = _channel.AsyncUnaryCall(InteropMethods.EchoMetadata, new EchoRequest { Text = "m" }, new CallOptions { Headers = headers });
        var responseHeaders = await call.ResponseHeadersAsync;
        await call;
        var trailers = call.GetTrailers();
        foreach (var received in new[] { responseHeaders, trailers })
        {
            Assert.Equal("plain value 123", received.GetValue("x-ascii"));
            Assert.Equal(bytes, received.GetValueBytes("x-bin-bin"));
        }
    }

    [Fact]
    public async Task TooBigRequest_IsRefusedByTheServer_ResourceExhausted()
    {
        var payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Payload = payload }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task TooBigReply_IsRefusedByOurClient_ResourceExhausted_AndTheChannelStaysUsable()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(InteropMethods.Big, new SizeRequest { Size = 5 * 1024 * 1024 }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("larger than max", ex.Status.Detail);

        var reply = await _channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "still here" });
        Assert.Equal("still here", reply.Text);
    }

    [Theory]
    [InlineData("interop.v1.InteropTest", "NoSuchMethod")]
    [InlineData("interop.v1.NoSuchService", "Unary")]
    public async Task UnknownMethodOrService_Unimplemented(string service, string method)
    {
        var unknown = new Method<EchoRequest, EchoReply>(MethodType.Unary, service, method, EchoReply.Parser);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(unknown, new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Cancel_ByTheClient_CancelledHereAndTheServerSeesIt()
    {
        var tag = "cx-" + Guid.NewGuid().ToString("N");
        await WarmUpAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(InteropMethods.Sleep, new SleepRequest { Millis = 10_000, Tag = tag }, new CallOptions { CancellationToken = cts.Token }));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"cancellation took {watch.ElapsedMilliseconds} ms");

        var outcome = await _channel.UnaryAsync(InteropMethods.Outcome, new OutcomeRequest { Tag = tag, WaitMillis = 15_000 });
        Assert.Equal("cancelled", outcome.Outcome);
    }

    [Fact]
    public async Task GzipRequest_IsAcceptedByThePeer()
    {
        var text = string.Concat(Enumerable.Repeat("gzip ", 2000));
        var reply = await _channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = text, N = 7 }, new CallOptions { Compression = "gzip" });
        Assert.Equal(text, reply.Text);
        Assert.Equal(7, reply.N);
    }
}

public sealed class OurClientPythonServerTests(PythonServerFixture fixture)
    : OurClientTheirServerTests(fixture.Server), IClassFixture<PythonServerFixture>;

public sealed class OurClientNodeServerTests(NodeServerFixture fixture)
    : OurClientTheirServerTests(fixture.Server), IClassFixture<NodeServerFixture>;
