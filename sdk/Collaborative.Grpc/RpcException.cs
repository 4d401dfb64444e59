namespace Collaborative.Grpc;

/// <summary>
/// A call ended with a non-OK status. Thrown by clients when a call fails; thrown by service handlers
/// to answer with a chosen status, message and trailing metadata.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata: sent with the status by a server, received with it by a client.</summary>
    public Metadata Trailers { get; }
}
