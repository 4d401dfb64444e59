using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Providers;
using Orleans.Storage;

namespace Collaborative.Cluster.Tests;

/// <summary>A real silo configured by <see cref="SiloBuilderExtensions.UseCollaborativeCluster"/>, on loopback ports of its own.</summary>
internal sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IGrainStorage DefaultStorage =>
        _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public static async Task<ClusterSilo> StartAsync(CollaborativeClusterOptions options, string dataDirectory)
    {
        options.SiloPort = FreeLoopbackPort();
        options.GatewayPort = FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseCollaborativeCluster(options, dataDirectory));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSilo(host);
    }

    public static Task<ClusterSilo> StartEmbeddedAsync(string dataDirectory) =>
        StartAsync(new CollaborativeClusterOptions(), dataDirectory);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
