using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Collaborative.Grpc.Internal;
using Google.Protobuf;

namespace Collaborative.Grpc.Client;

/// <summary>
/// One call on the wire: sends the request (one framed message, or a stream), reads the response
/// headers, messages and status. Every failure becomes a <see cref="Status"/>; nothing hangs past the
/// deadline or a cancellation.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IClientCallState
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private static readonly MediaTypeHeaderValue s_grpcContentType = new(GrpcProtocolConstants.ContentType);
    private static readonly ProductInfoHeaderValue s_userAgent = ProductInfoHeaderValue.Parse(GrpcProtocolConstants.UserAgent);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _compressRequests;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _userRegistration;
    private StreamingRequestContent? _requestContent;
    private Task<HttpResponseMessage?>? _response;
    private MessageReader<TResponse>? _reader;
    private HttpResponseMessage? _httpResponse;
    private Status? _status;
    private Metadata? _trailers;
    private volatile bool _deadlineExceeded;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        var compression = options.Compression ?? channel.Options.RequestCompression;
        _compressRequests = compression is not null && string.Equals(compression, GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished: its status is not known yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished: its trailers are not known yet.");

    public void Start(TRequest? request)
    {
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.BaseAddress, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var headers = httpRequest.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcProtocolConstants.TeTrailers));
        headers.UserAgent.Add(s_userAgent);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, GrpcProtocolConstants.SupportedEncodings);
        if (_compressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.EncodingHeader, GrpcProtocolConstants.GzipEncoding);
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value);
            }
        }

        if (_options.Deadline is { } deadline)
        {
            var timeout = deadline.ToUniversalTime() - DateTime.UtcNow;
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Encode(timeout));
            _deadlineCts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            _deadlineCts.Token.Register(static state =>
            {
                var call = (ClientCall<TRequest, TResponse>)state!;
                call._deadlineExceeded = true;
                call.Cancel();
            }, this);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userRegistration = _options.CancellationToken.Register(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this);
        }

        HttpContent content;
        if (_method.Type is MethodType.Unary or MethodType.ServerStreaming)
        {
            byte[] framed;
            try
            {
                framed = MessageFraming.Frame(request!, _compressRequests, _channel.Options.MaxSendMessageSize);
            }
            catch (RpcException ex)
            {
                Finish(ex.Status, new Metadata());
                _response = Task.FromResult<HttpResponseMessage?>(null);
                return;
            }

            content = new ByteArrayContent(framed);
        }
        else
        {
            content = _requestContent = new StreamingRequestContent(_cts.Token);
        }

        content.Headers.ContentType = s_grpcContentType;
        httpRequest.Content = content;
        _response = ReceiveHeadersAsync(_channel.Invoker.SendAsync(httpRequest, _cts.Token));
    }

    /// <summary>Writes one request message (client and duplex streaming).</summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = _requestContent ?? throw new InvalidOperationException("This call has no request stream.");
        if (_status is { } finished)
        {
            throw new RpcException(finished.StatusCode == StatusCode.OK ? new Status(StatusCode.Internal, "The call has already finished; the request stream is closed.") : finished, _trailers ?? new Metadata());
        }

        byte[] framed;
        try
        {
            framed = MessageFraming.Frame(message, _compressRequests, _channel.Options.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            Finish(ex.Status, new Metadata());
            Cancel();
            throw;
        }

        try
        {
            await content.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            // The write failed because the call ended: report the call's own status.
            await WaitForStatusAsync().ConfigureAwait(false);
            throw new RpcException(_status!.Value, _trailers ?? new Metadata());
        }
    }

    public Task CompleteRequestAsync()
    {
        (_requestContent ?? throw new InvalidOperationException("This call has no request stream.")).Complete();
        return Task.CompletedTask;
    }

    /// <summary>The next response message; false at the end of a successful stream; throws the call's status otherwise.</summary>
    public async Task<bool> MoveNextAsync(Action<TResponse> onMessage, CancellationToken cancellationToken)
    {
        var response = await _response!.ConfigureAwait(false);
        if (response is null || _reader is null)
        {
            return ThrowIfFailed();
        }

        using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(static s => ((ClientCall<TRequest, TResponse>)s!).Cancel(), this) : default;
        try
        {
            var (has, message) = await _reader.ReadAsync(_cts.Token).ConfigureAwait(false);
            if (has)
            {
                onMessage(message!);
                return true;
            }

            FinishFromTrailers(response);
        }
        catch (Exception ex)
        {
            FailWith(ex);
        }

        return ThrowIfFailed();
    }

    /// <summary>Reads exactly one response message and the status (unary and client streaming).</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        TResponse? single = default;
        var count = 0;
        while (await MoveNextAsync(m => { single = m; count++; }, default).ConfigureAwait(false))
        {
            if (count > 1)
            {
                Finish(new Status(StatusCode.Internal, "The server sent more than one response message for a call that expects one."), new Metadata());
                Cancel();
                ThrowIfFailed();
            }
        }

        if (count == 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server finished with OK but sent no response message."), _trailers ?? new Metadata());
        }

        return single!;
    }

    public object CreateResponseReader() => new ResponseStreamReader(this);

    public object CreateRequestWriter() => new RequestStreamWriter(this);

    public void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already cleaned up.
        }
    }

    public void Dispose()
    {
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "Call disposed before it finished."), new Metadata());
            Cancel();
        }

        _userRegistration.Dispose();
        _deadlineCts?.Dispose();
        _httpResponse?.Dispose();
    }

    private async Task<HttpResponseMessage?> ReceiveHeadersAsync(Task<HttpResponseMessage> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            FailWith(ex);
            return null;
        }

        _httpResponse = response;
        var headers = response.Headers;
        var grpcStatus = FirstValue(headers, GrpcProtocolConstants.StatusTrailer);
        if (response.StatusCode != HttpStatusCode.OK && grpcStatus is null)
        {
            // Not a gRPC answer: derive the status from HTTP (doc/http-grpc-status-mapping.md).
            Finish(HttpStatusMapping.ToStatus((int)response.StatusCode), new Metadata());
            return null;
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (grpcStatus is null && !GrpcProtocolConstants.IsGrpcContentType(contentType))
        {
            Finish(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}"), new Metadata());
            Cancel();
            return null;
        }

        var metadata = ReadMetadata(headers);
        _headers.TrySetResult(metadata);
        if (grpcStatus is not null)
        {
            // Trailers-Only: the status arrived in the headers and there is no body.
            Finish(ParseStatus(grpcStatus, FirstValue(headers, GrpcProtocolConstants.MessageTrailer)), metadata);
            return response;
        }

        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        _reader = new MessageReader<TResponse>(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024)),
            _method.ResponseParser,
            FirstValue(headers, GrpcProtocolConstants.EncodingHeader),
            _channel.Options.MaxReceiveMessageSize ?? int.MaxValue);
        return response;
    }

    private void FinishFromTrailers(HttpResponseMessage response)
    {
        var trailers = response.TrailingHeaders;
        var grpcStatus = FirstValue(trailers, GrpcProtocolConstants.StatusTrailer);
        var status = grpcStatus is null
            ? new Status(StatusCode.Internal, "The server ended the response without a grpc-status trailer.")
            : ParseStatus(grpcStatus, FirstValue(trailers, GrpcProtocolConstants.MessageTrailer));
        Finish(status, ReadMetadata(trailers));
    }

    private void FailWith(Exception ex)
    {
        Finish(StatusFor(ex), ex is RpcException rpc ? rpc.Trailers : new Metadata());
        if (ex is RpcException)
        {
            // Our side refused the response (size, framing): reset the stream rather than read on.
            Cancel();
        }
    }

    private Status StatusFor(Exception ex)
    {
        if (_deadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (_options.CancellationToken.IsCancellationRequested || (ex is OperationCanceledException && _cts.IsCancellationRequested))
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }

        if (ex is RpcException rpc)
        {
            return rpc.Status;
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case HttpProtocolException protocol:
                    return new Status(HttpStatusMapping.FromHttp2ErrorCode(protocol.ErrorCode), $"The server reset the stream (HTTP/2 error code {protocol.ErrorCode}): {protocol.Message}");
                case SocketException socket:
                    return new Status(StatusCode.Unavailable, $"Error connecting to {_channel.Target}: {socket.Message}");
            }
        }

        if (ex is HttpRequestException or IOException)
        {
            return new Status(StatusCode.Unavailable, $"Error talking to {_channel.Target}: {ex.Message}");
        }

        return new Status(StatusCode.Internal, $"Error in the call to {_method.FullName}: {ex.GetType().Name}: {ex.Message}");
    }

    private void Finish(Status status, Metadata trailers)
    {
        if (_status is not null)
        {
            return;
        }

        _trailers = trailers;
        _status = status;
        _headers.TrySetResult(new Metadata());
        _requestContent?.Abort();
        _userRegistration.Dispose();
        _deadlineCts?.Dispose();
    }

    private bool ThrowIfFailed()
    {
        var status = _status ?? new Status(StatusCode.Internal, "The call ended without a status.");
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers ?? new Metadata());
        }

        return false;
    }

    private async Task WaitForStatusAsync()
    {
        if (_status is not null || _response is null)
        {
            return;
        }

        // Drain the response until it yields a status (the server's reason for refusing our writes).
        while (_status is null && await MoveNextQuietlyAsync().ConfigureAwait(false))
        {
        }

        async Task<bool> MoveNextQuietlyAsync()
        {
            try
            {
                return await MoveNextAsync(static _ => { }, default).ConfigureAwait(false);
            }
            catch (RpcException)
            {
                return false;
            }
        }
    }

    private static Status ParseStatus(string code, string? message) =>
        int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new Status((StatusCode)value, PercentEncoding.Decode(message))
            : new Status(StatusCode.Unknown, $"Invalid grpc-status value '{code}'. {PercentEncoding.Decode(message)}".TrimEnd());

    private static string? FirstValue(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            if (key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
                || key.Equals("date", StringComparison.OrdinalIgnoreCase) || key.Equals("server", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var lower = key.ToLowerInvariant();
            foreach (var value in values)
            {
                try
                {
                    metadata.Add(Metadata.Entry.IsBinaryKey(lower) ? new Metadata.Entry(lower, Base64Metadata.Decode(value)) : new Metadata.Entry(lower, value));
                }
                catch (Exception ex) when (ex is ArgumentException or RpcException)
                {
                    // A malformed entry from the server is dropped, not allowed to fail the call.
                }
            }
        }

        return metadata;
    }

    private sealed class ResponseStreamReader(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    {
        public TResponse Current { get; private set; } = default!;

        public Task<bool> MoveNext(CancellationToken cancellationToken = default) =>
            call.MoveNextAsync(m => Current = m, cancellationToken);
    }

    private sealed class RequestStreamWriter(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    {
        public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, cancellationToken);

        public Task CompleteAsync() => call.CompleteRequestAsync();
    }
}
