namespace Collaborative.Grpc;

/// <summary>The outcome of a call: a code and a human-readable detail (sent as <c>grpc-message</c>).</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The OK status with no detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public override string ToString() =>
        Detail.Length == 0 ? $"Status(StatusCode=\"{StatusCode}\")" : $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
