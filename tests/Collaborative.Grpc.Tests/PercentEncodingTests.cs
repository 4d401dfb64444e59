using Collaborative.Grpc.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Grpc.Tests;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("Zielwert überschritten", "Zielwert %C3%BCberschritten")]
    [InlineData("目标 ✓", "%E7%9B%AE%E6%A0%87 %E2%9C%93")]
    public void Encode_MatchesTheSpec(string text, string wire) => Assert.Equal(wire, PercentEncoding.Encode(text));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%C3%BC", "ü")]
    [InlineData("%c3%bc", "ü")]
    public void Decode_IsLenientWithMalformedInput(string wire, string text) => Assert.Equal(text, PercentEncoding.Decode(wire));

    [Fact]
    public void EncodeThenDecode_RoundTripsAnyString_AndTheWireIsPrintableAscii()
    {
        Prop.ForAll<string>(text =>
        {
            text ??= "";
            // Lone surrogates cannot be UTF-8 encoded; they are not text a person sends.
            if (text.Any(char.IsSurrogate))
            {
                return true;
            }

            var wire = PercentEncoding.Encode(text);
            return wire.All(c => c is >= ' ' and <= '~') && PercentEncoding.Decode(wire) == text;
        }).QuickCheckThrowOnFailure();
    }
}
