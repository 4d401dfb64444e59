using System.IO.Pipelines;
using Google.Protobuf;

namespace Collaborative.Grpc.Internal;

/// <summary>Reads successive messages of one stream (request body on a server, response body on a client).</summary>
internal sealed class MessageReader<T>(PipeReader reader, MessageParser<T> parser, string? encoding, int maxMessageSize)
    where T : IMessage<T>
{
    /// <summary>The next message, or default when the stream ended cleanly between messages.</summary>
    public async ValueTask<(bool HasMessage, T? Message)> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool compressed;
            System.Buffers.ReadOnlySequence<byte> payload;
            try
            {
                if (MessageFraming.TryReadMessage(ref buffer, maxMessageSize, out payload, out compressed))
                {
                    var message = MessageFraming.ParsePayload(parser, payload, compressed, encoding, maxMessageSize);
                    reader.AdvanceTo(buffer.Start);
                    return (true, message);
                }
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover == 0)
                {
                    return (false, default);
                }

                throw new RpcException(StatusCode.Internal, $"The stream ended inside a message ({leftover} bytes of an incomplete message).");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
