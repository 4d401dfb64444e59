namespace Collaborative.Grpc.Internal;

/// <summary>Wire constants of gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocolConstants
{
    public const string ContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string UserAgent = "collaborative-grpc/1.0";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>What this implementation can decompress, as sent in <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>Length-Prefixed-Message header: 1-byte Compressed-Flag + 4-byte big-endian Message-Length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Default maximum size of a received message (4 MiB), as in every mainstream gRPC stack.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// True for <c>application/grpc</c>, <c>application/grpc+proto</c> and either with parameters.
    /// Spec: Content-Type → "application/grpc" [("+proto" / "+json" / {custom})]; only proto is served here.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType) => GetContentTypeKind(contentType) == ContentTypeKind.GrpcProto;

    public static ContentTypeKind GetContentTypeKind(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ContentTypeKind.NotGrpc;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var semicolon = rest.IndexOf(';');
        if (semicolon >= 0)
        {
            rest = rest[..semicolon];
        }

        rest = rest.Trim();
        if (rest.Length == 0 || rest.Equals("+proto", StringComparison.OrdinalIgnoreCase))
        {
            return ContentTypeKind.GrpcProto;
        }

        return rest[0] == '+' ? ContentTypeKind.GrpcOtherCodec : ContentTypeKind.NotGrpc;
    }

    internal enum ContentTypeKind
    {
        NotGrpc,
        GrpcProto,
        GrpcOtherCodec,
    }
}
