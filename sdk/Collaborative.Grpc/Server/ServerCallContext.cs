using System.Buffers;
using System.Globalization;
using Collaborative.Grpc.Internal;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;

namespace Collaborative.Grpc.Server;

/// <summary>
/// One call as its handler sees it: who called, with what metadata, until when, and how to answer.
/// It also carries the call's wire state (headers sent, completion), so a call costs one object.
/// </summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;
    private readonly GrpcServerOptions _options;

    // Serialises writes (the handler's, and the deadline's status); not readonly: it is a mutable struct.
    private WriteGate _writeLock;

    // Read once: Kestrel takes a lock on every HttpContext.RequestAborted read.
    private readonly CancellationToken _requestAborted;
    private string? _requestEncoding;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenSource? _callCts;
    private CancellationTokenRegistration _deadlineRegistration;
    private bool _completed;
    private bool _compressResponses;
    private bool _messageWritten;

    internal ServerCallContext(HttpContext httpContext, string method, GrpcServerOptions options)
    {
        _httpContext = httpContext;
        _options = options;
        Method = method;
        _requestAborted = httpContext.RequestAborted;
        CancellationToken = _requestAborted;
        ResponseCompression = options.ResponseCompression;
    }

    /// <summary>The method path, "/package.Service/Method".</summary>
    public string Method { get; }

    /// <summary>The peer's address, e.g. "ipv4:127.0.0.1:50123" or "unix:".</summary>
    public string Peer
    {
        get
        {
            var connection = _httpContext.Connection;
            return connection.RemoteIpAddress is { } ip
                ? (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"ipv6:[{ip}]:{connection.RemotePort}" : $"ipv4:{ip}:{connection.RemotePort}")
                : "unix:";
        }
    }

    /// <summary>When the client gives up (from <c>grpc-timeout</c>); <see cref="DateTime.MaxValue"/> when it set none.</summary>
    public DateTime Deadline { get; private set; } = DateTime.MaxValue;

    /// <summary>Cancelled when the client cancels, the connection drops, or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The client's custom metadata (reserved and pseudo headers excluded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_httpContext.Request.Headers);

    /// <summary>Trailing metadata sent with the status when the call ends.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>Status sent when the handler returns normally. Default OK.</summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>"gzip" to compress this call's responses (when the client accepts gzip), null for none.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>The underlying HTTP request, for authentication and connection details.</summary>
    public HttpContext GetHttpContext() => _httpContext;

    /// <summary>Sends response headers now, with custom metadata. At most once, before the first message.</summary>
    public async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        await _writeLock.EnterAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            if (_httpContext.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before the first message.");
            }

            AppendMetadata(_httpContext.Response.Headers, responseHeaders);
            PrepareResponseEncoding();
            await _httpContext.Response.StartAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    internal bool IsDeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;

    /// <summary>Reads call headers. Returns a status to answer with at once when the request is unacceptable.</summary>
    internal Status? Initialize()
    {
        var request = _httpContext.Request;

        // Long-lived streams must not be cut by Kestrel's HTTP body limits; gRPC has its own.
        if (_httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        if (_httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        // The typed properties are field reads on Kestrel's header collection; the string indexer compares names.
        var headers = request.Headers;
        var encoding = headers.GrpcEncoding;
        _requestEncoding = encoding.Count > 0 ? encoding.ToString() : null;
        if (!StringValues.IsNullOrEmpty(encoding) && !MessageFraming.IsSupportedEncoding(encoding.ToString()))
        {
            // Spec: an unsupported Message-Encoding → UNIMPLEMENTED, naming what is supported.
            _httpContext.Response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.SupportedEncodings;
            return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocolConstants.SupportedEncodings}.");
        }

        var timeout = headers.GrpcTimeout;
        if (!StringValues.IsNullOrEmpty(timeout))
        {
            if (!GrpcTimeout.TryParse(timeout.ToString(), out var span))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout header value '{timeout}': expected 1-8 digits followed by H, M, S, m, u or n.");
            }

            Deadline = DateTime.UtcNow + span;
            _deadlineCts = new CancellationTokenSource(span);
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(_requestAborted, _deadlineCts.Token);
            CancellationToken = _callCts.Token;
            // Spec: when the deadline passes the server ends the call with DEADLINE_EXCEEDED, even if
            // the handler is still running (it sees the cancellation and its result is discarded).
            _deadlineRegistration = _deadlineCts.Token.Register(static state => _ = Task.Run(((ServerCallContext)state!).OnDeadlineAsync), this);
        }

        return null;
    }

    /// <summary>The request's <c>grpc-encoding</c>, or null when it sent none (read by <see cref="Initialize"/>).</summary>
    internal string? RequestEncoding => _requestEncoding;

    /// <summary>
    /// The one request message of a unary or server-streaming call. Completes synchronously when the whole
    /// body is already here; may then throw synchronously too (callers await it at once, so it reads the same).
    /// </summary>
    internal ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        TryReadWholeSingleMessage(parser, out var message) ? new ValueTask<T>(message) : ReadSingleMessageSlowAsync(parser);

    private async ValueTask<T> ReadSingleMessageSlowAsync<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        var reader = CreateReader(parser);
        var (has, message) = await reader.ReadAsync(CancellationToken).ConfigureAwait(false);
        if (!has)
        {
            throw new RpcException(StatusCode.Internal, "The request had no message; a unary or server-streaming method needs exactly one.");
        }

        var (more, _) = await reader.ReadAsync(CancellationToken).ConfigureAwait(false);
        if (more)
        {
            throw new RpcException(StatusCode.Internal, "The request had more than one message; a unary or server-streaming method takes exactly one.");
        }

        return message!;
    }

    /// <summary>
    /// The common case of a unary request, without the general reader: the body has fully arrived and holds
    /// exactly one message. Anything else (body still arriving, no message, more bytes, a cancelled call)
    /// leaves the body untouched for <see cref="MessageReader{T}"/>, so every error reads as before.
    /// </summary>
    private bool TryReadWholeSingleMessage<T>(MessageParser<T> parser, out T message)
        where T : IMessage<T>
    {
        message = default!;
        if (CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var body = _httpContext.Request.BodyReader;
        if (!body.TryRead(out var result))
        {
            return false;
        }

        var buffer = result.Buffer;
        try
        {
            if (result.IsCompleted
                && !result.IsCanceled
                && MessageFraming.TryReadMessage(ref buffer, _options.MaxReceiveMessageSize, out var payload, out var compressed)
                && buffer.IsEmpty)
            {
                message = MessageFraming.ParsePayload(parser, payload, compressed, _requestEncoding, _options.MaxReceiveMessageSize);
                body.AdvanceTo(buffer.End);
                return true;
            }
        }
        catch
        {
            body.AdvanceTo(result.Buffer.Start);
            throw;
        }

        body.AdvanceTo(result.Buffer.Start);
        return false;
    }

    internal MessageReader<T> CreateReader<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        new(_httpContext.Request.BodyReader, parser, RequestEncoding, _options.MaxReceiveMessageSize);

    /// <summary>
    /// Writes one response message. A unary response is not flushed: it leaves with the trailers.
    /// Internal callers await it at once, so it may throw synchronously on its fast path.
    /// </summary>
    internal Task WriteMessageAsync(IMessage message, bool flush)
    {
        // Every unary response: nothing to flush and the lock free, so no state machine is needed.
        if (flush || CancellationToken.IsCancellationRequested || !_writeLock.TryEnter())
        {
            return WriteMessageSlowAsync(message, flush);
        }

        try
        {
            WriteMessageLocked(message);
        }
        finally
        {
            _writeLock.Exit();
        }

        return Task.CompletedTask;
    }

    private async Task WriteMessageSlowAsync(IMessage message, bool flush)
    {
        await _writeLock.EnterAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            WriteMessageLocked(message);
            if (flush)
            {
                await _httpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    private void WriteMessageLocked(IMessage message)
    {
        ThrowIfCompleted();
        if (!_httpContext.Response.HasStarted)
        {
            PrepareResponseEncoding();
        }

        MessageFraming.WriteMessage(_httpContext.Response.BodyWriter, message, _compressResponses, _options.MaxSendMessageSize);
        _messageWritten = true;
    }

    /// <summary>
    /// Ends the call with a status, in trailers, or Trailers-Only when nothing was sent yet. Callers await it
    /// at once, so it may throw synchronously on its fast path.
    /// </summary>
    internal Task CompleteAsync(Status status, Metadata? extraTrailers)
    {
        // The usual case, the lock free and nothing to wait for: no state machine.
        if (!_writeLock.TryEnter())
        {
            return CompleteSlowAsync(status, extraTrailers);
        }

        var release = true;
        try
        {
            if (_completed)
            {
                return Task.CompletedTask;
            }

            _completed = true;
            if (WriteStatus(status, extraTrailers) && IsDeadlineExceeded)
            {
                release = false; // Handed to the continuation, which releases when the response is complete.
                return CompleteResponseThenReleaseAsync();
            }

            return Task.CompletedTask;
        }
        finally
        {
            if (release)
            {
                _writeLock.Exit();
                DisposeDeadline();
            }
        }
    }

    private async Task CompleteSlowAsync(Status status, Metadata? extraTrailers)
    {
        await _writeLock.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (WriteStatus(status, extraTrailers) && IsDeadlineExceeded)
            {
                await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Exit();
            DisposeDeadline();
        }
    }

    private async Task CompleteResponseThenReleaseAsync()
    {
        try
        {
            await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Exit();
            DisposeDeadline();
        }
    }

    /// <summary>
    /// Puts the status (and trailing metadata) on the response. Returns false when the stream is already gone.
    /// After a deadline the caller also completes the HTTP response: the handler may still be running, and
    /// the client is owed its status now rather than when the handler returns.
    /// </summary>
    private bool WriteStatus(Status status, Metadata? extraTrailers)
    {
        var response = _httpContext.Response;
        if (_requestAborted.IsCancellationRequested)
        {
            return false; // The stream is gone; there is no one to tell.
        }

        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        var message = status.Detail.Length > 0 ? PercentEncoding.Encode(status.Detail) : null;
        if (!response.HasStarted && !_messageWritten)
        {
            // Spec: Trailers-Only — HTTP-Status Content-Type Trailers, all in one HEADERS frame.
            var headers = response.Headers;
            headers[GrpcProtocolConstants.StatusTrailer] = code;
            if (message is not null)
            {
                headers[GrpcProtocolConstants.MessageTrailer] = message;
            }

            AppendMetadata(headers, _responseTrailers);
            AppendMetadata(headers, extraTrailers);
        }
        else
        {
            // grpc-status is a known trailer on Kestrel: the typed property is a field write, where
            // AppendTrailer looks the name up twice. Same result while no grpc-status is set yet.
            if (_httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { IsReadOnly: false } trailers
                && trailers.GrpcStatus.Count == 0)
            {
                trailers.GrpcStatus = code;
            }
            else
            {
                response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, code);
            }

            if (message is not null)
            {
                response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, message);
            }

            AppendTrailers(response, _responseTrailers);
            AppendTrailers(response, extraTrailers);
        }

        return true;
    }

    private async Task OnDeadlineAsync()
    {
        try
        {
            await CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection may already be gone; the handler's cancellation is what matters then.
        }
    }

    private void PrepareResponseEncoding()
    {
        var compression = ResponseCompression;
        if (compression is not null
            && string.Equals(compression, GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase)
            && MessageFraming.AcceptsGzip(_httpContext.Request.Headers[GrpcProtocolConstants.AcceptEncodingHeader].ToString()))
        {
            _compressResponses = true;
            _httpContext.Response.Headers[GrpcProtocolConstants.EncodingHeader] = GrpcProtocolConstants.GzipEncoding;
        }
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new RpcException(IsDeadlineExceeded ? StatusCode.DeadlineExceeded : StatusCode.Cancelled, "The call has already ended; nothing more can be written.");
        }
    }

    private void DisposeDeadline()
    {
        if (_deadlineCts is null)
        {
            return;
        }

        _deadlineRegistration.Dispose();
        _deadlineCts.Dispose();
        _callCts?.Dispose();
    }

    internal static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (IsReservedHeader(key))
            {
                continue;
            }

            var lower = key.ToLowerInvariant();
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (Metadata.Entry.IsBinaryKey(lower))
                {
                    metadata.Add(new Metadata.Entry(lower, Base64Metadata.Decode(value)));
                }
                else
                {
                    metadata.Add(new Metadata.Entry(lower, value));
                }
            }
        }

        return metadata;
    }

    private static bool IsReservedHeader(string key) =>
        key.StartsWith(':')
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("connection", StringComparison.OrdinalIgnoreCase);

    private static void AppendMetadata(IHeaderDictionary headers, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value);
        }
    }

    private static void AppendTrailers(HttpResponse response, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            response.AppendTrailer(entry.Key, entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value);
        }
    }

    /// <summary>
    /// Mutual exclusion for one call's writes (headers, messages, status). Uncontended, which is every unary
    /// call, it costs one interlocked operation and no allocation. The first time a writer finds it held, a
    /// <see cref="SemaphoreSlim"/> is created and governs from then on, so waiting (with cancellation) behaves
    /// exactly as a semaphore(1, 1) does. A mutable struct kept in a field: never copy it.
    /// </summary>
    private struct WriteGate
    {
        private const int Held = 1;
        private const int Queued = 2;

        private int _state;
        private SemaphoreSlim? _queue;

        /// <summary>Takes the gate if it is free; never waits (as <c>SemaphoreSlim.Wait(0)</c>).</summary>
        public bool TryEnter()
        {
            if (Interlocked.CompareExchange(ref _state, Held, 0) == 0)
            {
                return true;
            }

            return (Volatile.Read(ref _state) & Queued) != 0 && Volatile.Read(ref _queue)!.Wait(0);
        }

        /// <summary>Waits for the gate (as <c>SemaphoreSlim.WaitAsync(cancellationToken)</c>).</summary>
        public Task EnterAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            if (Interlocked.CompareExchange(ref _state, Held, 0) == 0)
            {
                return Task.CompletedTask;
            }

            return QueueOrEnter() is { } queue ? queue.WaitAsync(cancellationToken) : Task.CompletedTask;
        }

        /// <summary>Releases the gate, handing it to a waiter if there is one.</summary>
        public void Exit()
        {
            if (Interlocked.CompareExchange(ref _state, 0, Held) != Held)
            {
                // Queued: the semaphore counts from now on (the holder may have entered either way).
                Volatile.Read(ref _queue)!.Release();
            }
        }

        /// <summary>
        /// Switches to the semaphore, whose count starts at 0 because the gate is held at that moment; the
        /// holder's <see cref="Exit"/> then releases it. Returns null when the gate came free and was taken.
        /// </summary>
        private SemaphoreSlim? QueueOrEnter()
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if ((state & Queued) != 0)
                {
                    return Volatile.Read(ref _queue)!;
                }

                if (state == 0)
                {
                    if (Interlocked.CompareExchange(ref _state, Held, 0) == 0)
                    {
                        return null;
                    }

                    continue;
                }

                // Held: publish the one queue (its count stays 0 until Queued is set), then mark the switch.
                if (Volatile.Read(ref _queue) is null)
                {
                    Interlocked.CompareExchange(ref _queue, new SemaphoreSlim(0, 1), null);
                }

                if (Interlocked.CompareExchange(ref _state, Held | Queued, Held) == Held)
                {
                    return _queue;
                }
            }
        }
    }
}
