using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.EchoServer;

/// <summary>
/// The baseline: bare Kestrel HTTP/2 answering <c>/bench.Echo/Unary</c> with the least work that is still a
/// valid gRPC response (spec PROTOCOL-HTTP2.md: 200, content-type application/grpc, one Length-Prefixed-Message,
/// trailer grpc-status 0). Same Kestrel set-up as <see cref="GrpcEcho"/>, so only the gRPC layer differs.
/// </summary>
internal sealed class RawKestrelEcho : IAsyncDisposable
{
    private const string Path = "/bench.Echo/Unary";

    // Msg { text = "hello", n = 42 } behind its 5-byte prefix (flag 0, length 9): field 1 (tag 0x0A, length 5,
    // "hello"), field 2 (tag 0x10, varint 42). The same message the load generator sends.
    private static readonly byte[] s_response = [0, 0, 0, 0, 9, 0x0A, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0x10, 42];

    private readonly WebApplication _app;

    private RawKestrelEcho(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public static async Task<RawKestrelEcho> StartAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RawKestrelEcho(app) { Port = new Uri(address).Port };
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Task AnswerAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.Path.Value, Path, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        // Drain the request body (a gRPC server reads its request). It has usually arrived whole by now, so it is
        // read without a state machine, as a gRPC server reads a unary request.
        var body = context.Request.BodyReader;
        if (body.TryRead(out var result))
        {
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                Respond(context);
                return Task.CompletedTask;
            }
        }

        return DrainThenRespondAsync(context);
    }

    private static async Task DrainThenRespondAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            var result = await body.ReadAsync().ConfigureAwait(false);
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        Respond(context);
    }

    private static void Respond(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/grpc";

        // grpc-status is a known trailer on Kestrel: setting the typed property is a field write.
        context.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers.GrpcStatus = "0";

        // Not flushed: the message leaves with the trailers when the request delegate returns, as a unary gRPC response does.
        response.BodyWriter.Write(s_response);
    }
}
