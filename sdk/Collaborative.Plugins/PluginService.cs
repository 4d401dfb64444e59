using Collaborative.Contracts.V1;
using Grpc.Core;

namespace Collaborative.Plugins;

/// <summary>collaborative.v1.Plugin, served on the module's behalf.</summary>
internal sealed class PluginService(IProgrammeModule module, Action requestShutdown) : Plugin.PluginBase
{
    public override Task<PluginDescription> Describe(DescribeRequest request, ServerCallContext context) =>
        Task.FromResult(module.Describe());

    public override async Task CollectObservations(CollectObservationsRequest request, IServerStreamWriter<ObservationBatch> responses, ServerCallContext context)
    {
        if (request.MaxBatch < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"max_batch must be 0 (module's choice) or positive; got {request.MaxBatch}."));
        }

        await foreach (var batch in module.CollectObservationsAsync(request.Cursor, request.MaxBatch, context.CancellationToken).WithCancellation(context.CancellationToken))
        {
            await responses.WriteAsync(batch, context.CancellationToken);
        }
    }

    public override async Task<EvaluateAlignmentResponse> EvaluateAlignment(EvaluateAlignmentRequest request, ServerCallContext context)
    {
        var response = new EvaluateAlignmentResponse();
        response.Findings.AddRange(await module.EvaluateAlignmentAsync(request.ProgrammeId, context.CancellationToken));
        return response;
    }

    public override Task<ShutdownResponse> Shutdown(ShutdownRequest request, ServerCallContext context)
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
