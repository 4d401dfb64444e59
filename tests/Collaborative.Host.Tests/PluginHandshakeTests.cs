using Collaborative.Host.Plugins;

namespace Collaborative.Host.Tests;

public sealed class PluginHandshakeTests
{
    [Fact]
    public void Parse_UnixHandshake_GivesAChannelAddress()
    {
        var handshake = PluginHandshake.Parse("p", "1|1|unix|/tmp/x/plugin.sock|grpc\n", [1]);
        Assert.Equal("unix:/tmp/x/plugin.sock", handshake.ChannelAddress);
    }

    [Fact]
    public void Parse_TcpHandshake_GivesAnHttpAddress() =>
        Assert.Equal("http://127.0.0.1:50123", PluginHandshake.Parse("p", "1|2|tcp|127.0.0.1:50123|grpc", [1, 2]).ChannelAddress);

    [Theory]
    [InlineData("hello world", "is not CORE|APP|NETWORK|ADDRESS|grpc")]
    [InlineData("2|1|unix|/tmp/x|grpc", "core protocol version 2; this host speaks 1")]
    [InlineData("x|1|unix|/tmp/x|grpc", "core version 'x' is not a number")]
    [InlineData("1|3|unix|/tmp/x|grpc", "app protocol version '3', which this host does not speak (it offered 1)")]
    [InlineData("1|1|udp|/tmp/x|grpc", "network 'udp'")]
    [InlineData("1|1|unix|/tmp/x|netrpc", "protocol 'netrpc' is not 'grpc'")]
    [InlineData("1|1|tcp|10.1.2.3:5000|grpc", "must listen on loopback")]
    public void Parse_BadHandshake_SaysWhatIsWrong(string line, string expected)
    {
        var ex = Assert.Throws<PluginLaunchException>(() => PluginHandshake.Parse("gold-line", line, [1]));
        Assert.Contains("'gold-line'", ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
