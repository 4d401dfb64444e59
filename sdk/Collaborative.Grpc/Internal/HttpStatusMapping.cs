namespace Collaborative.Grpc.Internal;

/// <summary>
/// Status for an HTTP response that carries no <c>grpc-status</c> (grpc/grpc doc/http-grpc-status-mapping.md).
/// </summary>
internal static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static Status ToStatus(int httpStatus) =>
        new(ToStatusCode(httpStatus), $"Bad gRPC response. HTTP status code: {httpStatus}");

    /// <summary>
    /// Status for a stream the peer reset (RFC 9113 §7 error codes), as gRPC maps them
    /// (PROTOCOL-HTTP2.md "Errors").
    /// </summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x0 => StatusCode.Internal,           // NO_ERROR before the status arrived
        0x1 or 0x2 or 0x3 or 0x4 or 0x5 or 0x6 or 0x9 or 0xA => StatusCode.Internal,
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: safe to retry
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };
}
