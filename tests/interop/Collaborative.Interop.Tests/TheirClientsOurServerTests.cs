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
    [Theory]
    [MemberData(nameof(Peer.ClientCases), MemberType = typeof(Peer))]
    public void PeerClient_Scenario_BehavesAsAgainstTheReferenceServer(string peerName, string scenario)
    {
        Peer.ByName(peerName).AssertClientScenario(fixture.Target, scenario, "our server");

        if (scenario == "gzip")
        {
            // The peer really sent a compressed request, and we read it.
            Assert.Equal("gzip", fixture.Service.LastUnaryEncoding);
        }
    }
}
