using Collaborative.Contracts.V1;
using Collaborative.Grpc;
using Collaborative.Grpc.Server;

namespace Collaborative.Plugins;

/// <summary>collaborative.v1.Plugin, served on the module's behalf.</summary>
internal sealed class PluginService(IProgrammeModule module, Action requestShutdown)
{
    public Task<PluginDescription> Describe(DescribeRequest request, ServerCallContext context) =>
        Task.FromResult(module.Describe());

    public async Task CollectObservations(CollectObservationsRequest request, IServerStreamWriter<ObservationBatch> responses, ServerCallContext context)
    {
        if (request.MaxBatch < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"max_batch must be 0 (module's choice) or positive; got {request.MaxBatch}.");
        }

        await foreach (var batch in module.CollectObservationsAsync(request.Cursor, request.MaxBatch, context.CancellationToken).WithCancellation(context.CancellationToken))
        {
            await responses.WriteAsync(batch, context.CancellationToken);
        }
    }

    public async Task<EvaluateAlignmentResponse> EvaluateAlignment(EvaluateAlignmentRequest request, ServerCallContext context)
    {
        var response = new EvaluateAlignmentResponse();
        response.Findings.AddRange(await module.EvaluateAlignmentAsync(request.ProgrammeId, context.CancellationToken));
        return response;
    }

    public Task<ShutdownResponse> Shutdown(ShutdownRequest request, ServerCallContext context)
    {
        // Answer first; the server stops once this response is on its way.
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            requestShutdown();
            return Task.CompletedTask;
        });
        return Task.FromResult(new ShutdownResponse());
    }
}
