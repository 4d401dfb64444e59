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

    private sealed class BodyStream(Stream inner, HttpContent owner, HttpResponseMessage response, string moduleId, CancellationToken callAborted) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested && !callAborted.IsCancellationRequested)
            {
                GrpcTrailersOnly.SetStatus(response.TrailingHeaders, new Status(StatusCode.Unavailable, $"Module '{moduleId}' broke off the call: {ex.Message}"));
                return 0;
            }
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
    }
}
