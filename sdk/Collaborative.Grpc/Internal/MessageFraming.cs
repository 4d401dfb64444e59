using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Collaborative.Grpc.Internal;

/// <summary>
/// Length-Prefixed-Message framing. Spec: Length-Prefixed-Message → Compressed-Flag Message-Length
/// Message; Compressed-Flag is one byte, 0 or 1; Message-Length is a 4-byte big-endian unsigned integer.
/// A message may be split across any number of DATA frames, and a DATA frame may hold several messages.
/// </summary>
internal static class MessageFraming
{
    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/>. Returns false when more
    /// bytes are needed. Throws <see cref="RpcException"/> for a bad flag or an oversized message,
    /// as soon as the 5-byte header shows it (nothing more is buffered for it).
    /// </summary>
    public static bool TryReadMessage(
        ref ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        out ReadOnlySequence<byte> payload,
        out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocolConstants.MessageHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocolConstants.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocolConstants.MessageHeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            // Spec: a Compressed-Flag other than 0 or 1 is a protocol error → INTERNAL.
            _ => throw new RpcException(StatusCode.Internal, $"Invalid Compressed-Flag value {header[0]} in a message header; expected 0 or 1."),
        };

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }

        var total = GrpcProtocolConstants.MessageHeaderSize + (long)length;
        if (buffer.Length < total)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocolConstants.MessageHeaderSize, length);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Parses a payload, decompressing it first when the flag says so.</summary>
    public static T ParsePayload<T>(
        MessageParser<T> parser,
        ReadOnlySequence<byte> payload,
        bool compressed,
        string? encoding,
        int maxMessageSize)
        where T : IMessage<T>
    {
        if (compressed)
        {
            if (encoding is null || string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
            {
                // Spec: Compressed-Flag 1 without a Message-Encoding is a protocol error → INTERNAL.
                throw new RpcException(StatusCode.Internal, "Received a compressed message but no grpc-encoding was declared for the stream.");
            }

            payload = new ReadOnlySequence<byte>(Decompress(payload, encoding, maxMessageSize));
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize a {typeof(T).Name} message: {ex.Message}");
        }
    }

    /// <summary>Writes a message with its 5-byte prefix; compresses it with gzip when asked.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, IMessage message, bool gzip, int? maxSendMessageSize)
    {
        var size = message.CalculateSize();
        if (!gzip)
        {
            CheckSendSize(size, maxSendMessageSize);
            var span = output.GetSpan(GrpcProtocolConstants.MessageHeaderSize + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            message.WriteTo(span.Slice(GrpcProtocolConstants.MessageHeaderSize, size));
            output.Advance(GrpcProtocolConstants.MessageHeaderSize + size);
            return;
        }

        var compressed = Compress(message.ToByteArray());
        CheckSendSize(compressed.Length, maxSendMessageSize);
        var header = output.GetSpan(GrpcProtocolConstants.MessageHeaderSize);
        header[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)compressed.Length);
        output.Advance(GrpcProtocolConstants.MessageHeaderSize);
        output.Write(compressed);
    }

    /// <summary>A whole framed message as one array (client unary requests).</summary>
    public static byte[] Frame(IMessage message, bool gzip, int? maxSendMessageSize)
    {
        var writer = new ArrayBufferWriter<byte>(GrpcProtocolConstants.MessageHeaderSize + message.CalculateSize());
        WriteMessage(writer, message, gzip, maxSendMessageSize);
        return writer.WrittenSpan.ToArray();
    }

    public static bool IsSupportedEncoding(string encoding) =>
        string.Equals(encoding, GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase)
        || string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a <c>grpc-accept-encoding</c> list names gzip.</summary>
    public static bool AcceptsGzip(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan(range).Trim().Equals(GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckSendSize(int size, int? max)
    {
        if (max is { } limit && size > limit)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} vs. {limit}).");
        }
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(ReadOnlySequence<byte> payload, string encoding, int maxMessageSize)
    {
        if (!string.Equals(encoding, GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(StatusCode.Unimplemented, $"Message compressed with '{encoding}', which is not supported. Supported: {GrpcProtocolConstants.SupportedEncodings}.");
        }

        using var input = new MemoryStream(payload.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = ReadSafely(gzip, chunk)) > 0)
            {
                if (output.Length + read > maxMessageSize)
                {
                    // The limit applies to the decompressed size too, or a small bomb would fill memory.
                    throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max after decompression (more than {maxMessageSize} bytes).");
                }

                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return output.ToArray();
    }

    private static int ReadSafely(Stream stream, byte[] buffer)
    {
        try
        {
            return stream.Read(buffer, 0, buffer.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to decompress a gzip message: {ex.Message}");
        }
    }
}
