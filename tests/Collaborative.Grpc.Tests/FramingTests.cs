using System.Buffers;
using System.IO.Pipelines;
using Collaborative.Grpc.Internal;
using Collaborative.Interop.V1;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace Collaborative.Grpc.Tests;

public sealed class FramingTests
{
    [Fact]
    public void ReadMessage_SplitAcrossRandomChunks_YieldsEveryMessageInOrder()
    {
        // Property: however the bytes of N framed messages are cut into DATA-frame-sized chunks,
        // the reader yields exactly those N messages, in order.
        var property = Prop.ForAll(
            Gen.Choose(0, 20).SelectMany(count => Gen.ArrayOf(Gen.Choose(0, 3000), count)).ToArbitrary(),
            Gen.ArrayOf(Gen.Choose(1, 700)).Where(a => a.Length > 0).ToArbitrary(),
            (sizes, cuts) =>
            {
                var messages = sizes.Select((size, i) => new EchoRequest { Text = $"m{i}", N = i, Payload = ByteString.CopyFrom(Enumerable.Range(0, size).Select(b => (byte)(b * 31 + i)).ToArray()) }).ToList();
                var bytes = messages.SelectMany(m => MessageFraming.Frame(m, gzip: m.N % 3 == 0, maxSendMessageSize: null)).ToArray();
                var read = ReadAllThroughPipe(bytes, cuts, encoding: "gzip");
                return read.Count == messages.Count && read.Zip(messages).All(p => p.First.Equals(p.Second));
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReadMessage_HeaderAnnouncesMoreThanMax_ResourceExhaustedBeforeBodyArrives()
    {
        var header = new byte[] { 0, 0, 0x50, 0, 1 }; // 5 MiB + 1 announced, no body sent
        var buffer = new ReadOnlySequence<byte>(header);
        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, 4 * 1024 * 1024, out _, out _));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("5242881 vs. 4194304", ex.Status.Detail);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void ReadMessage_CompressedFlagNotZeroOrOne_Internal(byte flag)
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { flag, 0, 0, 0, 0 });
        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, 100, out _, out _));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("Compressed-Flag", ex.Status.Detail);
    }

    [Fact]
    public void ParsePayload_CompressedWithoutEncoding_Internal()
    {
        var framed = MessageFraming.Frame(new EchoRequest { Text = "x" }, gzip: true, maxSendMessageSize: null);
        var buffer = new ReadOnlySequence<byte>(framed);
        Assert.True(MessageFraming.TryReadMessage(ref buffer, 1000, out var payload, out var compressed));
        Assert.True(compressed);
        var ex = Assert.Throws<RpcException>(() => MessageFraming.ParsePayload(EchoRequest.Parser, payload, compressed, encoding: null, 1000));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("no grpc-encoding", ex.Status.Detail);
    }

    [Fact]
    public void ParsePayload_GzipBombLargerThanMaxOnceInflated_ResourceExhausted()
    {
        var big = new EchoRequest { Payload = ByteString.CopyFrom(new byte[200_000]) };
        var framed = MessageFraming.Frame(big, gzip: true, maxSendMessageSize: null);
        Assert.True(framed.Length < 10_000, "zeros compress well; the frame itself is small");
        var buffer = new ReadOnlySequence<byte>(framed);
        Assert.True(MessageFraming.TryReadMessage(ref buffer, 100_000, out var payload, out var compressed));
        var ex = Assert.Throws<RpcException>(() => MessageFraming.ParsePayload(EchoRequest.Parser, payload, compressed, "gzip", 100_000));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideMessage_InternalNamingTheLeftover()
    {
        var framed = MessageFraming.Frame(new EchoRequest { Text = "cut short" }, gzip: false, maxSendMessageSize: null);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(framed.AsMemory(0, framed.Length - 2));
        await pipe.Writer.CompleteAsync();
        var reader = new MessageReader<EchoRequest>(pipe.Reader, EchoRequest.Parser, null, 1000);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(default));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("incomplete message", ex.Status.Detail);
    }

    [Fact]
    public void WriteMessage_LargerThanMaxSend_ResourceExhausted()
    {
        var ex = Assert.Throws<RpcException>(() => MessageFraming.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[100]) }, false, 50));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static List<EchoRequest> ReadAllThroughPipe(byte[] bytes, int[] cuts, string encoding)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var offset = 0;
        var cut = 0;
        while (offset < bytes.Length)
        {
            var size = Math.Min(cuts[cut++ % cuts.Length], bytes.Length - offset);
            pipe.Writer.Write(bytes.AsSpan(offset, size));
            pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
            offset += size;
        }

        pipe.Writer.Complete();
        var reader = new MessageReader<EchoRequest>(pipe.Reader, EchoRequest.Parser, encoding, 1 << 20);
        var result = new List<EchoRequest>();
        while (true)
        {
            var (has, message) = reader.ReadAsync(default).AsTask().GetAwaiter().GetResult();
            if (!has)
            {
                return result;
            }

            result.Add(message!);
        }
    }
}
