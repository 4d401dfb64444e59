using System.Net;
using System.Net.Sockets;

namespace Collaborative.Host.Tests;

/// <summary>The launcher the tests and benchmarks share (tests/Shared/HostProcess.cs) says why a host did not start.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task AHostThatCannotBindItsPort_FailsWithItsOutput()
    {
        var root = TestPaths.NewTemporaryDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(
                Path.Combine(root, "data"), Path.Combine(root, "plugins"), environment: new Dictionary<string, string> { ["COLLABORATIVE__GRPCPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

            Assert.Contains("did not become ready: it exited with code", refused.Message);
            Assert.Contains($"127.0.0.1:{port}: address already in use", refused.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
