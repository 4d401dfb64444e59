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
    private readonly SemaphoreSlim _writeLock = new(1, 1);
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
        CancellationToken = httpContext.RequestAborted;
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
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
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
            _writeLock.Release();
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

        var headers = request.Headers;
        var encoding = headers[GrpcProtocolConstants.EncodingHeader];
        if (!StringValues.IsNullOrEmpty(encoding) && !MessageFraming.IsSupportedEncoding(encoding.ToString()))
        {
            // Spec: an unsupported Message-Encoding → UNIMPLEMENTED, naming what is supported.
            _httpContext.Response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.SupportedEncodings;
            return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocolConstants.SupportedEncodings}.");
        }

        var timeout = headers[GrpcProtocolConstants.TimeoutHeader];
        if (!StringValues.IsNullOrEmpty(timeout))
        {
            if (!GrpcTimeout.TryParse(timeout.ToString(), out var span))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout header value '{timeout}': expected 1-8 digits followed by H, M, S, m, u or n.");
            }

            Deadline = DateTime.UtcNow + span;
            _deadlineCts = new CancellationTokenSource(span);
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(_httpContext.RequestAborted, _deadlineCts.Token);
            CancellationToken = _callCts.Token;
            // Spec: when the deadline passes the server ends the call with DEADLINE_EXCEEDED, even if
            // the handler is still running (it sees the cancellation and its result is discarded).
            _deadlineRegistration = _deadlineCts.Token.Register(static state => _ = Task.Run(((ServerCallContext)state!).OnDeadlineAsync), this);
        }

        return null;
    }

    internal string? RequestEncoding => _httpContext.Request.Headers[GrpcProtocolConstants.EncodingHeader] is { Count: > 0 } e ? e.ToString() : null;

    internal async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
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

    internal MessageReader<T> CreateReader<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        new(_httpContext.Request.BodyReader, parser, RequestEncoding, _options.MaxReceiveMessageSize);

    /// <summary>Writes one response message. A unary response is not flushed: it leaves with the trailers.</summary>
    internal async Task WriteMessageAsync(IMessage message, bool flush)
    {
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            if (!_httpContext.Response.HasStarted)
            {
                PrepareResponseEncoding();
            }

            var writer = _httpContext.Response.BodyWriter;
            MessageFraming.WriteMessage(writer, message, _compressResponses, _options.MaxSendMessageSize);
            _messageWritten = true;
            if (flush)
            {
                await writer.FlushAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call with a status, in trailers, or Trailers-Only when nothing was sent yet.</summary>
    internal async Task CompleteAsync(Status status, Metadata? extraTrailers)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            await WriteStatusAsync(status, extraTrailers).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
            DisposeDeadline();
        }
    }

    private async Task WriteStatusAsync(Status status, Metadata? extraTrailers)
    {
        var response = _httpContext.Response;
        if (_httpContext.RequestAborted.IsCancellationRequested)
        {
            return; // The stream is gone; there is no one to tell.
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
            response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, code);
            if (message is not null)
            {
                response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, message);
            }

            AppendTrailers(response, _responseTrailers);
            AppendTrailers(response, extraTrailers);
        }

        if (IsDeadlineExceeded)
        {
            // The handler may still be running; complete the HTTP response now rather than when it returns.
            await response.CompleteAsync().ConfigureAwait(false);
        }
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
}
