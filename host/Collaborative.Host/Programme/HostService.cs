using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Grains;
using Collaborative.Grpc;
using Collaborative.Grpc.Server;
using Collaborative.Host.Access;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using System.Collections.Immutable;

namespace Collaborative.Host.Programme;

/// <summary>
/// collaborative.v1.Host over gRPC: what leaders read, what partners report. Every refusal is a status
/// with a message naming the field; acknowledged observations are durable. Each gRPC call is checked
/// against <see cref="ProgrammeAccess"/> first: who the caller is, and whether its role may do this.
/// </summary>
public sealed class HostService(IGrainFactory grains, ObservationRecorder recorder, ProgressNotifier notifier, PluginSupervisor plugins, TimeProvider time, ProgrammeAccess access)
{
    private const string CoOwnerRule = "a partner reads, and reports observations of, only the goals its organisation co-owns (and their measures).";

    private IProgrammeGrain Programme => grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key);

    public Task<ProgrammeView> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        return GetProgramme(request, context.CancellationToken);
    }

    // The overloads without a call context serve the CLI's embedded mode (no host running), in-process.
    internal async Task<ProgrammeView> GetProgramme(GetProgrammeRequest request, CancellationToken cancellationToken) =>
        ContractMapping.ToView(await Programme.GetAsync());

    public async Task<UpdateProgrammeResponse> UpdateProgramme(UpdateProgrammeRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        caller.Demand(ProgrammeAccess.CanUpdateProgramme(caller), "update the programme", "only an admin may.");
        if (string.IsNullOrWhiteSpace(request.Yaml))
        {
            throw new RpcException(StatusCode.InvalidArgument, "yaml is required: the whole programme definition.");
        }

        try
        {
            var version = await Programme.UpdateAsync(request.Yaml, string.IsNullOrWhiteSpace(request.FileName) ? "programme.yaml" : request.FileName);
            return new UpdateProgrammeResponse { Version = version };
        }
        catch (ProgrammeDefinitionException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"The programme was not changed. {ex.Message}");
        }
    }

    public async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var progress = await GetGoalProgress(request, context.CancellationToken);
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.CoOwners), $"read the progress of goal '{request.GoalId}'", CoOwnerRule);
        return progress;
    }

    internal async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, CancellationToken cancellationToken) =>
        ContractMapping.ToContract(await ProgressOfAsync(request.GoalId));

    public async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var response = await ListGoalProgress(request, context.CancellationToken);
        // A partner's board lists the goals its organisation co-owns.
        var hidden = response.Goals.Where(g => !ProgrammeAccess.CanReadGoal(caller, g.CoOwners)).ToList();
        hidden.ForEach(g => response.Goals.Remove(g));
        return response;
    }

    internal async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, CancellationToken cancellationToken)
    {
        var programme = await Programme.GetAsync();
        var response = new ListGoalProgressResponse();
        foreach (var goal in programme.Definition.Goals)
        {
            response.Goals.Add(ContractMapping.ToContract(await grains.GetGrain<ISharedGoalGrain>(goal.Id).GetProgressAsync()));
        }

        return response;
    }

    public async Task WatchProgress(WatchProgressRequest request, IServerStreamWriter<GoalProgress> responses, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var progress = await ProgressOfAsync(request.GoalId);
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.Goal.CoOwners), $"watch the progress of goal '{request.GoalId}'", CoOwnerRule);
        using var watcher = notifier.Watch(progress.Measure.Id);
        await responses.WriteAsync(ContractMapping.ToContract(progress));
        while (!context.CancellationToken.IsCancellationRequested)
        {
            await watcher.WaitAsync(context.CancellationToken);
            var next = await ProgressOfAsync(request.GoalId);
            if (next.ObservationSequence != progress.ObservationSequence || next.ProgrammeVersion != progress.ProgrammeVersion)
            {
                progress = next;
                await responses.WriteAsync(ContractMapping.ToContract(progress));
            }
        }
    }

    public async Task ReportObservations(IAsyncStreamReader<Observation> requests, IServerStreamWriter<ObservationAck> responses, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var index = 0;
        await foreach (var observation in requests.ReadAllAsync(context.CancellationToken))
        {
            index++;
            var definition = (await Programme.GetAsync()).Definition;
            if (definition.FindMeasure(observation.MeasureId) is not null)
            {
                // An unknown measure goes on to the recorder, whose INVALID_ARGUMENT names it.
                caller.Demand(ProgrammeAccess.CanReport(caller, observation.MeasureId, definition),
                    $"report observation #{index} of measure '{observation.MeasureId}' (the {index - 1} before it were recorded)",
                    caller.Role == AccessRole.Partner ? CoOwnerRule : "only partners report observations.");
            }

            MeasureRecordResult result;
            try
            {
                result = await recorder.RecordAsync(observation);
            }
            catch (ObservationRejectedException ex)
            {
                // Earlier acknowledgements stand: each was durable before it was sent.
                throw new RpcException(StatusCode.InvalidArgument, $"Observation #{index} was not recorded: {ex.Message}. The {index - 1} before it were.");
            }

            await responses.WriteAsync(new ObservationAck
            {
                ObservationId = result.ObservationId,
                Duplicate = result.Outcome == RecordOutcome.Duplicate,
                Revised = result.Outcome == RecordOutcome.Revised,
                Revision = result.Revision,
            });
        }
    }

    public async Task<ListObservationsResponse> ListObservations(ListObservationsRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var definition = (await Programme.GetAsync()).Definition;
        if (request.MeasureId.Length > 0 && definition.FindMeasure(request.MeasureId) is not null)
        {
            caller.Demand(ProgrammeAccess.CanReadMeasure(caller, request.MeasureId, definition), $"read the observations of measure '{request.MeasureId}'", CoOwnerRule);
        }

        var response = await ListObservations(request, context.CancellationToken);
        var hidden = response.Observations.Where(o => !ProgrammeAccess.CanReadMeasure(caller, o.Observation.MeasureId, definition)).ToList();
        hidden.ForEach(o => response.Observations.Remove(o));
        return response;
    }

    internal async Task<ListObservationsResponse> ListObservations(ListObservationsRequest request, CancellationToken cancellationToken)
    {
        var programme = (await Programme.GetAsync()).Definition;
        IEnumerable<string> measures;
        if (request.MeasureId.Length > 0)
        {
            if (programme.FindMeasure(request.MeasureId) is null)
            {
                throw new RpcException(StatusCode.NotFound, $"measure_id '{request.MeasureId}' is not a measure of programme '{programme.Id}'.");
            }

            measures = [request.MeasureId];
        }
        else
        {
            measures = programme.Measures.Select(m => m.Id);
        }

        var response = new ListObservationsResponse();
        foreach (var measure in measures)
        {
            var revisions = await grains.GetGrain<IMeasureGrain>(measure).GetRevisionsAsync();
            var latest = revisions.GroupBy(r => r.Observation.Period).ToDictionary(g => g.Key, g => g.Max(r => r.Revision));
            response.Observations.AddRange(revisions.Select(r => new RecordedObservation
            {
                Observation = r.Observation.ToContract(),
                Revision = r.Revision,
                Current = latest[r.Observation.Period] == r.Revision,
            }));
        }

        return response;
    }

    public Task<AlignmentReport> CheckAlignment(CheckAlignmentRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        return CheckAlignment(request, context.CancellationToken);
    }

    internal async Task<AlignmentReport> CheckAlignment(CheckAlignmentRequest request, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.AsOf.Length > 0 && !DateOnly.TryParseExact(request.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"as_of '{request.AsOf}' is not a date; expected YYYY-MM-DD.");
        }

        var summary = await EvaluateAlignmentAsync(asOf, cancellationToken);
        return ContractMapping.ToContract(summary);
    }

    public Task<ListPluginsResponse> ListPlugins(ListPluginsRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        var response = new ListPluginsResponse();
        response.Plugins.AddRange(plugins.Statuses.Select(ContractMapping.ToContract));
        response.ManifestErrors.AddRange(plugins.ManifestErrors);
        return Task.FromResult(response);
    }

    /// <summary>The alignment summary: built-in rules over a snapshot of every measure, plus the plugins' own findings.</summary>
    public async Task<AlignmentSummary> EvaluateAlignmentAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var snapshot = await Programme.GetAsync();
        var programme = snapshot.Definition;
        var observations = new List<MeasureObservation>();
        foreach (var measure in programme.Measures)
        {
            observations.AddRange((await grains.GetGrain<IMeasureGrain>(measure.Id).GetRevisionsAsync()).Select(r => r.Observation));
        }

        var modules = plugins.Manifests.Select(m => new ModuleContribution(m.Id, [.. m.Measures.Select(x => x.Id)])).ToImmutableArray();
        var contributed = await plugins.EvaluateAlignmentAsync(programme.Id, cancellationToken);
        var context = new AlignmentContext(programme, ObservationLedger.From(observations), asOf, modules);
        return AlignmentEvaluator.Evaluate(context, contributed);
    }

    private async Task<SharedGoalProgress> ProgressOfAsync(string goalId)
    {
        if (string.IsNullOrWhiteSpace(goalId))
        {
            throw new RpcException(StatusCode.InvalidArgument, "goal_id is required.");
        }

        try
        {
            return await grains.GetGrain<ISharedGoalGrain>(goalId).GetProgressAsync();
        }
        catch (KeyNotFoundException ex)
        {
            throw new RpcException(StatusCode.NotFound, $"goal_id: {ex.Message}");
        }
    }
}
