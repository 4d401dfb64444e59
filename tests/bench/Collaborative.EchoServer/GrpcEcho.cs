using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collaborative.EchoServer;

/// <summary>
/// <c>bench.Echo</c> served by Grpc.AspNetCore on the same bare Kestrel as <see cref="RawKestrelEcho"/>
/// (empty builder, h2c on loopback, no logging), so only the gRPC layer differs between the two.
/// </summary>
internal sealed class GrpcEcho : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcEcho(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public static async Task<GrpcEcho> StartAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddRouting();
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.Services.AddGrpc();
        // One instance for every call, as the raw responder has no per-call object either.
        builder.Services.AddSingleton<EchoService>();
        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<EchoService>();
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GrpcEcho(app) { Port = new Uri(address).Port };
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
