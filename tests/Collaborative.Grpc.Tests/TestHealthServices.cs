using Collaborative.Grpc.Server;
using Grpc.Health.V1;

namespace Collaborative.Grpc.Tests;

/// <summary>A health service whose Check ignores cancellation and sleeps (to prove the server enforces deadlines itself).</summary>
public sealed class StubbornHealth
{
    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        await Task.Delay(5000, CancellationToken.None);
        return new HealthCheckResponse();
    }

    public Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) => Task.CompletedTask;
}

/// <summary>A health service whose Check throws an exception carrying internal details.</summary>
public sealed class ThrowingHealth
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        throw new InvalidOperationException("connection string Host=db;Password=secret is wrong");

    public Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) => Task.CompletedTask;
}

/// <summary>A health service whose Watch sends one message then fails with a status and trailers.</summary>
public sealed class FailingStreamHealth
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => Task.FromResult(new HealthCheckResponse());

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        throw new RpcException(new Status(StatusCode.DataLoss, "lost the thread"), new Metadata().Add("x-why", "y"));
    }
}

/// <summary>Missing Watch: binding must fail at start-up, naming it.</summary>
public sealed class IncompleteHealth
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => Task.FromResult(new HealthCheckResponse());
}

/// <summary>Check takes the wrong request type: binding must fail, naming what was found.</summary>
public sealed class MistypedHealth
{
    public Task<HealthCheckResponse> Check(HealthCheckResponse request, ServerCallContext context) => Task.FromResult(new HealthCheckResponse());

    public Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) => Task.CompletedTask;
}
