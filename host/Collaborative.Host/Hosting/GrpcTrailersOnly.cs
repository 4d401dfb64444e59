using System.Globalization;
using Grpc.Core;

namespace Collaborative.Host.Hosting;

/// <summary>
/// A gRPC status answered before any gRPC service runs (the module gateway, access refusals): a
/// Trailers-Only response, which every gRPC client reads as the call's status and message.
/// </summary>
internal static class GrpcTrailersOnly
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";

    /// <summary>Whether the request is a gRPC call (application/grpc, +proto or any other suffix).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        SetStatus(response.Headers, status);
        return response.CompleteAsync();
    }

    /// <summary>Puts the status into response headers or trailers; the message is percent-encoded as the wire demands.</summary>
    public static void SetStatus(IHeaderDictionary headers, Status status)
    {
        headers[StatusHeader] = Code(status);
        headers[MessageHeader] = Message(status);
    }

    /// <inheritdoc cref="SetStatus(IHeaderDictionary, Status)"/>
    public static void SetStatus(System.Net.Http.Headers.HttpHeaders headers, Status status)
    {
        headers.Remove(StatusHeader);
        headers.Remove(MessageHeader);
        headers.TryAddWithoutValidation(StatusHeader, Code(status));
        headers.TryAddWithoutValidation(MessageHeader, Message(status));
    }

    private static string Code(Status status) => ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);

    private static string Message(Status status) => Uri.EscapeDataString(status.Detail);
}
