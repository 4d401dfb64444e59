using Collaborative.Grpc.Internal;

namespace Collaborative.Grpc.Tests;

public sealed class HttpStatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(415, StatusCode.Unknown)]
    [InlineData(426, StatusCode.Unknown)]
    public void ToStatusCode_FollowsTheGrpcMappingTable(int http, StatusCode expected) =>
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode(http));

    [Fact]
    public void ToStatus_NamesTheHttpStatus() =>
        Assert.Contains("503", HttpStatusMapping.ToStatus(503).Detail);

    [Theory]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0xB, StatusCode.ResourceExhausted)]
    [InlineData(0xC, StatusCode.PermissionDenied)]
    [InlineData(0x2, StatusCode.Internal)]
    public void FromHttp2ErrorCode_FollowsTheSpec(long code, StatusCode expected) =>
        Assert.Equal(expected, HttpStatusMapping.FromHttp2ErrorCode(code));
}
