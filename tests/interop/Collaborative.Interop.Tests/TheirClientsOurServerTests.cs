using Collaborative.Grpc.Server;

namespace Collaborative.Interop.Tests;

/// <summary>Our server on loopback, one instance for the class.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    public InteropService Service { get; } = new();

    public GrpcServer Server { get; private set; } = null!;

    public string Target => $"127.0.0.1:{Server.Port}";

    public async Task InitializeAsync()
    {
        Server = new GrpcServer.Builder().ListenLoopback(0).AddService(Service, InteropService.Descriptor).Build();
        await Server.StartAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Python grpcio's and Node grpc-js's clients call our server; each scenario is judged by peers/expect.py.</summary>
public sealed class TheirClientsOurServerTests(OurServerFixture fixture) : IClassFixture<OurServerFixture>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var peer in new[] { Peer.Python.Name, Peer.Node.Name })
        {
            foreach (var scenario in new[] { "unary", "server_stream", "client_stream", "bidi", "error", "deadline", "metadata", "too_big", "too_big_reply", "unknown_method", "unknown_service", "cancel", "gzip" })
            {
                data.Add(peer, scenario);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PeerClient_Scenario_BehavesAsAgainstTheReferenceServer(string peerName, string scenario)
    {
        var peer = Peer.ByName(peerName);
        peer.EnsureInstalled();
        var json = peer.RunClient(fixture.Target, scenario);

        var verdict = Peer.Run("/usr/bin/python3", [Path.Combine(Peer.PeersDirectory, "expect.py"), scenario, json], TimeSpan.FromSeconds(30));
        Assert.True(verdict.ExitCode == 0, $"{peerName} → our server, scenario '{scenario}': {verdict.Stderr.Trim()}\nJSON: {json}");

        if (scenario == "gzip")
        {
            // The peer really sent a compressed request, and we read it.
            Assert.Equal("gzip", fixture.Service.LastUnaryEncoding);
        }
    }
}
