using System.Net;

namespace Collaborative.Grpc.Client;

/// <summary>
/// A request body written message by message while the response is read (client and duplex streaming).
/// The HTTP stack hands us the body stream once the request headers are out; each write is flushed, so
/// the server sees it at once; completing it ends the stream (END_STREAM).
/// </summary>
internal sealed class StreamingRequestContent(CancellationToken callCancelled) : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task WriteAsync(byte[] framed, CancellationToken cancellationToken)
    {
        if (_completed.Task.IsCompleted)
        {
            throw new InvalidOperationException("The request stream is already complete; no more messages can be written.");
        }

        var stream = await _stream.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Complete() => _completed.TrySetResult();

    /// <summary>The call ended: release the HTTP stack's body writer.</summary>
    public void Abort()
    {
        _completed.TrySetResult();
        _stream.TrySetCanceled();
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(callCancelled).ConfigureAwait(false);
        // Wait for a write in progress before the stack closes the body.
        await _writeLock.WaitAsync(callCancelled).ConfigureAwait(false);
        _writeLock.Release();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
