using Collaborative.Grpc.Internal;

namespace Collaborative.Grpc.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void Add_UpperCaseKey_IsLowerCased() => Assert.Equal("x-trace", new Metadata().Add("X-Trace", "1")[0].Key);

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("bad key")]
    [InlineData("x:y")]
    public void Add_InvalidOrReservedKey_IsRefusedNamingIt(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
        Assert.Contains(key, ex.Message);
    }

    [Fact]
    public void Add_NonAsciiValueOnAsciiKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "Zoë"));

    [Fact]
    public void Add_BytesOnKeyWithoutBinSuffix_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-data", new byte[] { 1 }));

    [Theory]
    [InlineData("AAH6+/8", new byte[] { 0, 1, 250, 251, 255 })]
    [InlineData("AAH6+/8=", new byte[] { 0, 1, 250, 251, 255 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    public void BinaryValues_PaddedAndUnpadded_AreBothAccepted(string wire, byte[] bytes) =>
        Assert.Equal(bytes, Base64Metadata.Decode(wire));

    [Fact]
    public void BinaryValues_AreSentUnpadded() => Assert.Equal("AQ", Base64Metadata.Encode([1]));

    [Fact]
    public void BinaryValues_Garbage_IsInternal() =>
        Assert.Equal(StatusCode.Internal, Assert.Throws<RpcException>(() => Base64Metadata.Decode("A")).StatusCode);
}
