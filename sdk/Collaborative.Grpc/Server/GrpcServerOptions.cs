namespace Collaborative.Grpc.Server;

/// <summary>Settings for every service a server hosts.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes; larger is refused with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = Internal.GrpcProtocolConstants.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes; larger fails the call with RESOURCE_EXHAUSTED. Default: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Compression for responses, "gzip" or null (default: none). Used only when the client's
    /// <c>grpc-accept-encoding</c> names it. A handler may choose per call with <see cref="ServerCallContext.ResponseCompression"/>.
    /// </summary>
    public string? ResponseCompression { get; set; }

    /// <summary>
    /// Send a handler's exception message to the client with UNKNOWN. Default false: the client gets a
    /// generic message and the details go to the log only (nothing about the server's internals leaks).
    /// </summary>
    public bool EnableDetailedErrors { get; set; }
}
