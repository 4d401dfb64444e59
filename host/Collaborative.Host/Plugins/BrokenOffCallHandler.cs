using Collaborative.Host.Hosting;
using Grpc.Core;

namespace Collaborative.Host.Plugins;

/// <summary>
/// On the gateway's connections to a module: when the module dies after its response began, the body
/// ends cleanly with trailers saying UNAVAILABLE and naming the module, which the forwarder passes on.
/// Without this the forwarder can only reset the caller's stream, which a staff system reads as CANCELLED,
/// as if it had given up itself.
/// </summary>
internal sealed class BrokenOffCallHandler(string moduleId) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var original = response.Content;
        var body = new StreamContent(new BodyStream(await original.ReadAsStreamAsync(cancellationToken), original, response, moduleId, cancellationToken));
        foreach (var (name, values) in original.Headers)
        {
            body.Headers.TryAddWithoutValidation(name, values);
        }

        response.Content = body;
        return response;
    }

    /// <summary>
    /// The module's response body, released to the caller one whole gRPC message at a time. A module killed
    /// mid-stream usually leaves half a message behind (a message may span HTTP/2 frames); passed on, the
    /// caller would fail on the fragment (INTERNAL) before it read the UNAVAILABLE trailers. Only the 5-byte
    /// length prefix is read, to find where each message ends; the bytes go through unchanged.
    /// </summary>
    private sealed class BodyStream(Stream inner, HttpContent owner, HttpResponseMessage response, string moduleId, CancellationToken callAborted) : Stream
    {
        private const int PrefixLength = 5;

        /// <summary>Longest message held back whole; a longer one goes through as it comes.</summary>
        private const int MaxHeldMessage = 16 * 1024 * 1024;

        private byte[] _held = new byte[16 * 1024];
        private int _count;   // bytes read from the module and not yet released
        private int _whole;   // of those, the leading bytes that form whole messages
        private bool _holding = true;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_whole == 0)
            {
                if (_count == _held.Length)
                {
                    Array.Resize(ref _held, _held.Length * 2);
                }

                int read;
                try
                {
                    read = await inner.ReadAsync(_held.AsMemory(_count), cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested && !callAborted.IsCancellationRequested)
                {
                    // A fragment of a message is dropped: the caller gets every whole message, then the status.
                    GrpcTrailersOnly.SetStatus(response.TrailingHeaders, new Status(StatusCode.Unavailable, $"Module '{moduleId}' broke off the call: {ex.Message}"));
                    _count = 0;
                    return 0;
                }

                if (read == 0)
                {
                    // The module ended its body itself: whatever it sent is the caller's to judge.
                    _whole = _count;
                    if (_whole == 0)
                    {
                        return 0;
                    }

                    break;
                }

                _count += read;
                _whole = _holding ? WholeMessages() : _count;
            }

            var released = Math.Min(_whole, buffer.Length);
            _held.AsSpan(0, released).CopyTo(buffer.Span);
            _held.AsSpan(released, _count - released).CopyTo(_held);
            _count -= released;
            _whole -= released;
            return released;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>How many of the held bytes form whole messages (prefix: compressed flag, then a big-endian length).</summary>
        private int WholeMessages()
        {
            var end = 0;
            while (_count - end >= PrefixLength)
            {
                var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_held.AsSpan(end + 1, 4));
                if (length > MaxHeldMessage)
                {
                    _holding = false;
                    return _count;
                }

                if (_count - end - PrefixLength < length)
                {
                    break;
                }

                end += PrefixLength + (int)length;
            }

            return end;
        }
    }
}
