using System.Globalization;
using Collaborative.Grpc.Internal;
using Microsoft.AspNetCore.Http;

namespace Collaborative.Grpc.Server;

/// <summary>Responses a server (or a proxy in front of one) writes without running a handler.</summary>
public static class GrpcResponses
{
    /// <summary>
    /// A Trailers-Only response (spec): HTTP 200, content-type, grpc-status and a percent-encoded
    /// grpc-message, all in one HEADERS frame that ends the stream. The response must not have started.
    /// </summary>
    public static Task WriteTrailersOnlyAsync(HttpResponse response, Status status)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (status.Detail.Length > 0)
        {
            response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends a response whose headers (and perhaps messages) were already sent: grpc-status and grpc-message as trailers.</summary>
    public static void AppendStatusTrailers(HttpResponse response, Status status)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, PercentEncoding.Encode(status.Detail));
        }
    }

    /// <summary>True when <paramref name="request"/> is a gRPC call on the wire: HTTP/2, POST, content-type application/grpc[+proto|;…].</summary>
    public static bool IsGrpcRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpProtocol.IsHttp2(request.Protocol)
            && HttpMethods.IsPost(request.Method)
            && GrpcProtocolConstants.GetContentTypeKind(request.ContentType) == GrpcProtocolConstants.ContentTypeKind.GrpcProto;
    }
}
