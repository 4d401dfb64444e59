using Collaborative.Grpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Collaborative.Grpc.Server;

/// <summary>
/// Serves gRPC calls on an ASP.NET Core pipeline. A request is gRPC when its path names a registered
/// method or its content-type is application/grpc; anything else passes to the next middleware (so the
/// dashboard can share the host).
/// </summary>
internal sealed class GrpcMiddleware(RequestDelegate next, GrpcServiceRegistry registry, GrpcServerOptions options, ILogger<GrpcMiddleware> logger)
{
    private static readonly Status s_unimplemented = new(StatusCode.Unimplemented, "Method is unimplemented.");

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var found = registry.TryGetMethod(path, out var method);
        var contentType = GrpcProtocolConstants.GetContentTypeKind(context.Request.ContentType);
        if (!found && contentType == GrpcProtocolConstants.ContentTypeKind.NotGrpc)
        {
            return next(context);
        }

        // Spec: gRPC needs HTTP/2. An HTTP/1.x request gets 426 Upgrade Required.
        if (!HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            return RejectAsync(context, StatusCodes.Status426UpgradeRequired, "gRPC requires HTTP/2.");
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            return RejectAsync(context, StatusCodes.Status405MethodNotAllowed, "gRPC requests use POST.");
        }

        // Spec: a server SHOULD answer 415 Unsupported Media Type when the content-type is not gRPC (or a codec it lacks).
        if (contentType != GrpcProtocolConstants.ContentTypeKind.GrpcProto)
        {
            return RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{context.Request.ContentType}' is not supported; use application/grpc or application/grpc+proto.");
        }

        return found ? HandleCallAsync(context, method) : HandleUnimplementedAsync(context, path);
    }

    private Task HandleCallAsync(HttpContext context, ServerMethod method)
    {
        context.Response.ContentType = GrpcProtocolConstants.ContentType;
        context.Response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.SupportedEncodings;
        var call = new ServerCallContext(context, method.Path, options);
        var status = call.Initialize();
        if (status is null)
        {
            // Most unary calls complete synchronously; only a call that really waits gets a state machine.
            Task invocation;
            try
            {
                invocation = method.InvokeAsync(call);
            }
            catch (Exception ex)
            {
                invocation = Task.FromException(ex);
            }

            if (!invocation.IsCompletedSuccessfully)
            {
                return FinishCallAsync(context, method, call, invocation);
            }

            status = call.Status;
        }

        Task completion;
        try
        {
            completion = call.CompleteAsync(status.Value, null);
        }
        catch (Exception ex)
        {
            completion = Task.FromException(ex);
        }

        return completion.IsCompletedSuccessfully ? Task.CompletedTask : AwaitCompletionAsync(context, completion);
    }

    private async Task FinishCallAsync(HttpContext context, ServerMethod method, ServerCallContext call, Task invocation)
    {
        Status status;
        Metadata? trailers = null;
        try
        {
            await invocation.ConfigureAwait(false);
            status = call.Status;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            trailers = ex.Trailers;
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            status = call.IsDeadlineExceeded
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "gRPC handler for {Method} failed", method.Path);
            status = new Status(StatusCode.Unknown, options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.");
        }

        Task completion;
        try
        {
            completion = call.CompleteAsync(status, trailers);
        }
        catch (Exception ex)
        {
            completion = Task.FromException(ex);
        }

        await AwaitCompletionAsync(context, completion).ConfigureAwait(false);
    }

    private static async Task AwaitCompletionAsync(HttpContext context, Task completion)
    {
        try
        {
            await completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested || ex is IOException or OperationCanceledException)
        {
            // The client went away while the status was being sent; nothing is left to tell it.
        }
    }

    private static Task HandleUnimplementedAsync(HttpContext context, string path) =>
        GrpcResponses.WriteTrailersOnlyAsync(context.Response, new Status(s_unimplemented.StatusCode, $"{s_unimplemented.Detail} No such method: {path}"));

    private static Task RejectAsync(HttpContext context, int httpStatus, string message)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
