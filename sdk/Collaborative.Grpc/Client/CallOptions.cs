namespace Collaborative.Grpc.Client;

/// <summary>Per-call settings.</summary>
public readonly record struct CallOptions
{
    /// <summary>Custom metadata sent as request headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call gives up with DEADLINE_EXCEEDED (sent to the server as <c>grpc-timeout</c>). Null: no deadline.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (the server sees RST_STREAM CANCEL); the call fails with CANCELLED.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>"gzip" to compress request messages; null uses the channel's setting.</summary>
    public string? Compression { get; init; }

    /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
    public static CallOptions WithTimeout(TimeSpan timeout) => new() { Deadline = DateTime.UtcNow + timeout };
}
