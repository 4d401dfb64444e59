using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Collaborative.Grpc.Client;
using Collaborative.Grpc.Internal;
using Collaborative.Grpc.Server;
using Collaborative.Interop.Tests;
using Collaborative.Interop.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Collaborative.Grpc.Tests;

/// <summary>Our client against our server, over every transport the product uses, and the server's wire behaviour.</summary>
public sealed class LoopbackTests
{
    [Fact]
    public async Task UnixDomainSocket_EveryCallKind_Works()
    {
        var path = Path.Combine(Path.GetTempPath(), $"collab-{Guid.NewGuid():N}.sock");
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenUnixSocket(path));
        Assert.Contains("unix:" + path, server.Addresses);
        using var channel = GrpcChannel.ForAddress("unix:" + path);

        Assert.Equal("over uds", (await channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "over uds" })).Text);

        using var stream = channel.AsyncServerStreamingCall(InteropMethods.ServerStream, new StreamRequest { Count = 10_000 });
        var count = 0;
        await foreach (var reply in stream.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(count++, reply.N);
        }

        Assert.Equal(10_000, count);

        using var upload = channel.AsyncClientStreamingCall(InteropMethods.ClientStream);
        for (var i = 1; i <= 3; i++)
        {
            await upload.RequestStream.WriteAsync(new EchoRequest { Text = $"{i}", N = i });
        }

        await upload.RequestStream.CompleteAsync();
        var total = await upload;
        Assert.Equal(6, total.N);
        Assert.Equal("1,2,3", total.Text);

        using var bidi = channel.AsyncDuplexStreamingCall(InteropMethods.Bidi);
        await bidi.RequestStream.WriteAsync(new EchoRequest { N = 7 });
        Assert.True(await bidi.ResponseStream.MoveNext());
        Assert.Equal(7, bidi.ResponseStream.Current.N);
        await bidi.RequestStream.CompleteAsync();
        Assert.False(await bidi.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Tls_TrustedRoot_Works_AndAnUntrustedServerIsRefused()
    {
        using var certificate = Interop.SelfSignedLocalhostCertificate();
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopbackTls(0, certificate));
        var address = $"https://localhost:{server.Port}";

        using (var trusted = GrpcChannel.ForAddress(address, new GrpcChannelOptions { RootCertificate = certificate }))
        {
            Assert.Equal("tls", (await trusted.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "tls" })).Text);
        }

        using var untrusted = GrpcChannel.ForAddress(address);
        var ex = await Assert.ThrowsAsync<RpcException>(() => untrusted.UnaryAsync(InteropMethods.Unary, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Http11Request_ToGrpcMethod_Gets426()
    {
        using var certificate = Interop.SelfSignedLocalhostCertificate();
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopbackTls(0, certificate));
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        var request = new HttpRequestMessage(HttpMethod.Post, $"https://localhost:{server.Port}/interop.v1.InteropTest/Unary")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(MessageFraming.Frame(new EchoRequest(), false, null)) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    [Fact]
    public async Task NonGrpcContentType_ToGrpcMethod_Gets415()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor);
        using var http = Interop.RawHttp2Client();
        using var response = await http.PostAsync($"http://127.0.0.1:{server.Port}/interop.v1.InteropTest/Unary", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ErrorBeforeAnyMessage_IsTrailersOnly_WithPercentEncodedMessage()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor);
        using var http = Interop.RawHttp2Client();
        using var response = await http.SendAsync(GrpcRequest(server, "Fail", new FailRequest { Code = 5, Message = "Ziel fehlt: 100% ✓" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("Ziel fehlt: 100%25 %E2%9C%93", response.Headers.GetValues("grpc-message").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task SuccessfulUnary_SendsStatusInTrailers_NotHeaders()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor);
        using var http = Interop.RawHttp2Client();
        using var response = await http.SendAsync(GrpcRequest(server, "Unary", new EchoRequest { Text = "t" }));
        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(0, body[0]);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task UnsupportedRequestEncoding_Unimplemented_NamingWhatIsSupported()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor);
        using var http = Interop.RawHttp2Client();
        var request = GrpcRequest(server, "Unary", new EchoRequest());
        request.Headers.Add("grpc-encoding", "snappy");
        using var response = await http.SendAsync(request);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("identity,gzip", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task MalformedTimeout_IsRefusedWithAClearMessage()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor);
        using var http = Interop.RawHttp2Client();
        var request = GrpcRequest(server, "Unary", new EchoRequest());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "123456789S");
        using var response = await http.SendAsync(request);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("grpc-timeout", PercentEncoding.Decode(response.Headers.GetValues("grpc-message").Single()));
    }

    [Fact]
    public async Task ServerResponseCompression_IsGzipOnTheWire_AndOurClientReadsIt()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopback(0).Configure(o => o.ResponseCompression = "gzip"));
        var text = string.Concat(Enumerable.Repeat("compress me ", 500));
        using (var http = Interop.RawHttp2Client())
        {
            var request = GrpcRequest(server, "Unary", new EchoRequest { Text = text });
            request.Headers.Add("grpc-accept-encoding", "gzip");
            using var response = await http.SendAsync(request);
            Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(1, body[0]);
            Assert.True(body.Length < text.Length / 4, $"compressed body is {body.Length} bytes for {text.Length} of text");
        }

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        Assert.Equal(text, (await channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = text })).Text);
    }

    [Fact]
    public async Task OurGzipRequest_IsCompressedOnTheWire()
    {
        var service = new InteropService();
        await using var server = await Interop.StartAsync(service, InteropService.Descriptor);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}", new GrpcChannelOptions { RequestCompression = "gzip" });
        var reply = await channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "zip", N = 3 });
        Assert.Equal(3, reply.N);
        Assert.Equal("gzip", service.LastUnaryEncoding);
    }

    [Fact]
    public async Task MaxReceiveMessageSize_IsConfigurablePerServerAndPerChannel()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopback(0).Configure(o => o.MaxReceiveMessageSize = 1024));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}", new GrpcChannelOptions { MaxReceiveMessageSize = 2048 });

        var serverSide = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1500]) }));
        Assert.Equal(StatusCode.ResourceExhausted, serverSide.StatusCode);

        var clientSide = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(InteropMethods.Big, new SizeRequest { Size = 3000 }));
        Assert.Equal(StatusCode.ResourceExhausted, clientSide.StatusCode);

        Assert.Equal(1000, (await channel.UnaryAsync(InteropMethods.Big, new SizeRequest { Size = 1000 })).Payload.Length);
    }

    [Fact]
    public async Task Deadline_ServerEndsTheCall_EvenWhenTheHandlerIgnoresCancellation()
    {
        var stubborn = new StubbornHealth();
        await using var server = await Interop.StartAsync(stubborn, Health.HealthService.Descriptor);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        using var http = Interop.RawHttp2Client();
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{server.Port}/grpc.health.v1.Health/Check")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(MessageFraming.Frame(new global::Grpc.Health.V1.HealthCheckRequest(), false, null)) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.TryAddWithoutValidation("grpc-timeout", "300m");
        var watch = Stopwatch.StartNew();
        // A raw client, so only the server's own deadline handling can end this call.
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        Assert.Equal("4", response.Headers.TryGetValues("grpc-status", out var h) ? h.Single() : response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public async Task HandlerException_IsUnknown_WithoutLeakingDetails_UnlessDetailedErrorsAreOn()
    {
        var health = new ThrowingHealth();
        await using (var server = await Interop.StartAsync(health, Health.HealthService.Descriptor))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
            var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(HealthCheck, new global::Grpc.Health.V1.HealthCheckRequest()));
            Assert.Equal(StatusCode.Unknown, ex.StatusCode);
            Assert.DoesNotContain("connection string", ex.Status.Detail);
            Assert.DoesNotContain(" at ", ex.Status.Detail);
        }

        await using (var server = await Interop.StartAsync(health, Health.HealthService.Descriptor, b => b.ListenLoopback(0).Configure(o => o.EnableDetailedErrors = true)))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
            var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(HealthCheck, new global::Grpc.Health.V1.HealthCheckRequest()));
            Assert.Contains("connection string", ex.Status.Detail);
        }
    }

    [Fact]
    public async Task NonGrpcServer_HttpStatusIsMappedToAGrpcStatus()
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopback(0).UsePipeline(app => app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/unavailable"))
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("down for maintenance");
                return;
            }

            await next(context);
        })));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "unavailable", "X", EchoReply.Parser);
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(method, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("503", ex.Status.Detail);
    }

    [Theory]
    [InlineData("abort")]
    [InlineData("no-trailers")]
    [InlineData("half-message")]
    public async Task BrokenResponse_GetsAStatus_NeverAHang(string breakage)
    {
        await using var server = await Interop.StartAsync(new InteropService(), InteropService.Descriptor, b => b.ListenLoopback(0).UsePipeline(app => app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/broken"))
            {
                await next(context);
                return;
            }

            context.Response.ContentType = "application/grpc";
            var framed = MessageFraming.Frame(new EchoReply { Text = "partial answer" }, false, null);
            switch (breakage)
            {
                case "abort":
                    await context.Response.Body.WriteAsync(framed.AsMemory(0, 3));
                    await context.Response.Body.FlushAsync();
                    context.Abort();
                    break;
                case "no-trailers":
                    await context.Response.Body.WriteAsync(framed);
                    break;
                case "half-message":
                    await context.Response.Body.WriteAsync(framed.AsMemory(0, framed.Length / 2));
                    context.Response.AppendTrailer("grpc-status", "0");
                    break;
            }
        })));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "broken", "X", EchoReply.Parser);
        var call = channel.UnaryAsync(method, new EchoRequest());
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(call, finished);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Contains(ex.StatusCode, new[] { StatusCode.Internal, StatusCode.Unavailable, StatusCode.Unknown });
    }

    [Fact]
    public async Task ConnectionRefused_IsUnavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task ServerStreamingError_AfterSomeMessages_ArrivesInTrailers()
    {
        await using var server = await Interop.StartAsync(new FailingStreamHealth(), Health.HealthService.Descriptor);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        using var call = channel.AsyncServerStreamingCall(HealthWatch, new global::Grpc.Health.V1.HealthCheckRequest());
        Assert.True(await call.ResponseStream.MoveNext());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.DataLoss, ex.StatusCode);
        Assert.Equal("lost the thread", ex.Status.Detail);
        Assert.Equal("y", call.GetTrailers().GetValue("x-why"));
    }

    internal static readonly Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse> HealthCheck =
        Method.Create<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>(Health.HealthService.Descriptor, "Check");

    internal static readonly Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse> HealthWatch =
        Method.Create<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>(Health.HealthService.Descriptor, "Watch");

    private static HttpRequestMessage GrpcRequest(GrpcServer server, string method, IMessage message) =>
        new(HttpMethod.Post, $"http://127.0.0.1:{server.Port}/interop.v1.InteropTest/{method}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(MessageFraming.Frame(message, false, null)) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
}
