using Collaborative.Grpc.Client;
using Collaborative.Grpc.Health;
using Collaborative.Grpc.Server;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Grpc.Tests;

public sealed class ServiceBindingAndHealthTests
{
    [Fact]
    public void Bind_MissingMethod_FailsAtStartUpNamingItAndTheExpectedSignature()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new GrpcServiceRegistry().Add(new IncompleteHealth(), HealthService.Descriptor));
        Assert.Contains("/grpc.health.v1.Health/Watch", ex.Message);
        Assert.Contains("Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)", ex.Message);
        Assert.Contains("no method of that name", ex.Message);
    }

    [Fact]
    public void Bind_MistypedMethod_FailsNamingWhatWasFound()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new GrpcServiceRegistry().Add(new MistypedHealth(), HealthService.Descriptor));
        Assert.Contains("/grpc.health.v1.Health/Check", ex.Message);
        Assert.Contains("Task<HealthCheckResponse> Check(HealthCheckResponse, ServerCallContext)", ex.Message);
    }

    [Fact]
    public void Bind_SameServiceTwice_IsRefused()
    {
        var registry = new GrpcServiceRegistry().Add(new HealthService(), HealthService.Descriptor);
        var ex = Assert.Throws<InvalidOperationException>(() => registry.Add(new HealthService(), HealthService.Descriptor));
        Assert.Contains("registered twice", ex.Message);
    }

    [Fact]
    public void MethodCreate_WrongTypes_IsRefusedNamingTheRealOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Method.Create<HealthCheckResponse, HealthCheckResponse>(HealthService.Descriptor, "Check"));
        Assert.Contains("takes HealthCheckRequest", ex.Message);
        Assert.Throws<ArgumentException>(() => Method.Create<HealthCheckRequest, HealthCheckResponse>(HealthService.Descriptor, "Nope"));
    }

    [Fact]
    public async Task Health_Check_ReportsPerServiceStatus_AndNotFoundForUnknown()
    {
        var health = new HealthService();
        health.SetStatus("plugin", ServingStatus.NotServing);
        await using var server = await Interop.StartAsync(health, HealthService.Descriptor);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");

        Assert.Equal(ServingStatus.Serving, (await channel.UnaryAsync(LoopbackTests.HealthCheck, new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.NotServing, (await channel.UnaryAsync(LoopbackTests.HealthCheck, new HealthCheckRequest { Service = "plugin" })).Status);
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(LoopbackTests.HealthCheck, new HealthCheckRequest { Service = "nope" }));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Health_Watch_StreamsEveryChange()
    {
        var health = new HealthService();
        await using var server = await Interop.StartAsync(health, HealthService.Descriptor);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = channel.AsyncServerStreamingCall(LoopbackTests.HealthWatch, new HealthCheckRequest { Service = "plugin" }, new CallOptions { CancellationToken = cts.Token });

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);

        health.SetStatus("plugin", ServingStatus.Serving);
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);

        health.SetStatus("plugin", ServingStatus.NotServing);
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
    }
}
