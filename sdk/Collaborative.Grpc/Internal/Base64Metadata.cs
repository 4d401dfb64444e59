namespace Collaborative.Grpc.Internal;

/// <summary>
/// Binary metadata values. Spec: "-bin" values are base64; implementations MUST accept padded and
/// unpadded values and SHOULD emit unpadded ones.
/// </summary>
internal static class Base64Metadata
{
    public static string Encode(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    public static byte[] Decode(string value)
    {
        var text = value.Trim();
        var remainder = text.Length % 4;
        if (remainder == 1)
        {
            throw new RpcException(StatusCode.Internal, $"Binary metadata value '{value}' is not valid base64.");
        }

        if (remainder != 0)
        {
            text += new string('=', 4 - remainder);
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new RpcException(StatusCode.Internal, $"Binary metadata value '{value}' is not valid base64.");
        }
    }
}
