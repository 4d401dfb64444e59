using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Grpc.Core;
using Collaborative.Host.Access;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Microsoft.AspNetCore.Authorization;

namespace Collaborative.Host.Programme;

/// <summary>
/// collaborative.v1.Host over gRPC: what leaders read, what partners report. Every refusal is a status
/// with a message naming the field; acknowledged observations are durable. Who may call is the policies'
/// business (<see cref="AccessPolicies"/>, checked before a method runs); which goals and measures a
/// partner may read or report is checked here against <see cref="ProgrammeAccess"/>.
/// </summary>
[Authorize(Policy = AccessPolicies.Principal)]
public sealed class HostService(ProgrammeOffice office, ProgrammeModules modules, ObservationRecorder recorder, PluginSupervisor plugins, TimeProvider time, ProgrammeAccess access)
    : Contracts.V1.Host.HostBase
{
    /// <summary>The most observations of a report recorded together: a bound on one call's size, not a wait.</summary>
    internal const int ReportChunk = 256;

    public override Task<ProgrammeView> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        return OfTheProgramme(GetProgramme(request, context.CancellationToken));
    }

    /// <summary>
    /// A read of a programme this host refuses (a bad first file, or a stored one a newer limit refuses):
    /// not a fault of the host but a precondition an admin can fix, said with the errors. The embedded
    /// CLI calls the overloads without a call context and reports the refusal itself.
    /// </summary>
    private static async Task<T> OfTheProgramme<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (ProgrammeDefinitionException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"This host's programme was refused; an admin can replace it with UpdateProgramme. {ex.Message}"));
        }
    }

    // The overloads without a call context serve the CLI's embedded mode (no host running), in-process.
    internal async Task<ProgrammeView> GetProgramme(GetProgrammeRequest request, CancellationToken cancellationToken) =>
        ContractMapping.ToView(await office.ProgrammeAsync());

    [Authorize(Policy = AccessPolicies.Admin)]
    public override async Task<UpdateProgrammeResponse> UpdateProgramme(UpdateProgrammeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Yaml))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "yaml is required: the whole programme definition."));
        }

        try
        {
            var version = await office.UpdateProgrammeAsync(request.Yaml, string.IsNullOrWhiteSpace(request.FileName) ? "programme.yaml" : request.FileName);
            return new UpdateProgrammeResponse { Version = version };
        }
        catch (ProgrammeDefinitionException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The programme was not changed. {ex.Message}"));
        }
    }

    public override async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var progress = await OfTheProgramme(GetGoalProgress(request, context.CancellationToken));
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.CoOwners), $"read the progress of goal '{request.GoalId}'", ProgrammeAccess.CoOwnerRule);
        return progress;
    }

    internal async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, CancellationToken cancellationToken) =>
        ContractMapping.ToContract(await ProgressOfAsync(request.GoalId));

    public override async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var response = await OfTheProgramme(ListGoalProgress(request, context.CancellationToken));
        // A partner's board lists the goals its organisation co-owns.
        var hidden = response.Goals.Where(g => !ProgrammeAccess.CanReadGoal(caller, g.CoOwners)).ToList();
        hidden.ForEach(g => response.Goals.Remove(g));
        return response;
    }

    internal async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, CancellationToken cancellationToken)
    {
        var programme = await office.ProgrammeAsync();
        var response = new ListGoalProgressResponse();
        foreach (var goal in programme.Definition.Goals)
        {
            response.Goals.Add(ContractMapping.ToContract(await office.ProgressAsync(goal.Id)));
        }

        return response;
    }

    public override async Task WatchProgress(WatchProgressRequest request, IServerStreamWriter<GoalProgress> responses, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var progress = await ProgressOfAsync(request.GoalId);
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.Goal.CoOwners), $"watch the progress of goal '{request.GoalId}'", ProgrammeAccess.CoOwnerRule);
        await using var watcher = await office.WatchAsync(progress.Measure.Id);
        await responses.WriteAsync(ContractMapping.ToContract(progress));
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var next = await watcher.ReadAfterNextChangeAsync(() => ProgressOfAsync(request.GoalId), context.CancellationToken);
            if (next.ObservationSequence != progress.ObservationSequence || next.ProgrammeVersion != progress.ProgrammeVersion)
            {
                progress = next;
                await responses.WriteAsync(ContractMapping.ToContract(progress));
            }
        }
    }

    public override async Task ReportObservations(IAsyncStreamReader<Observation> requests, IServerStreamWriter<ObservationAck> responses, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        // Observations whose source is a module this caller's organisation registered count as that module's reports.
        var ownModules = (await office.ModulesAsync()).Where(m => caller.SingleUser || m.Partner == caller.Partner).Select(m => m.Description.Id).ToHashSet(StringComparer.Ordinal);
        var reported = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await RecordReportsAsync(caller, requests, responses, ownModules, reported, context.CancellationToken);
        }
        finally
        {
            foreach (var (module, count) in reported)
            {
                await office.RecordModuleReportsAsync(module, count, time.GetUtcNow());
            }
        }
    }

    private async Task RecordReportsAsync(AccessPrincipal caller, IAsyncStreamReader<Observation> requests, IServerStreamWriter<ObservationAck> responses,
        HashSet<string> ownModules, Dictionary<string, long> reported, CancellationToken cancellationToken)
    {
        var acknowledged = 0;
        var chunk = new List<Observation>(ReportChunk);
        var next = requests.MoveNext(cancellationToken);
        while (await next)
        {
            chunk.Clear();
            chunk.Add(requests.Current);
            next = requests.MoveNext(cancellationToken);
            // Only what has already arrived joins the chunk, so a client that waits for each acknowledgement
            // is answered at once, and a large report becomes a few writes per measure.
            while (chunk.Count < ReportChunk && next.IsCompletedSuccessfully && next.Result)
            {
                chunk.Add(requests.Current);
                next = requests.MoveNext(cancellationToken);
            }

            var definition = (await office.ProgrammeAsync()).Definition;
            // An unknown measure goes on to the recorder, whose INVALID_ARGUMENT names it.
            var forbidden = chunk.FindIndex(o => definition.FindMeasure(o.MeasureId) is not null && !ProgrammeAccess.CanReport(caller, o.MeasureId, definition));
            var recording = await recorder.RecordInOrderAsync(forbidden < 0 ? chunk : chunk[..forbidden]);
            for (var i = 0; i < recording.Recorded.Count; i++)
            {
                var result = recording.Recorded[i];
                if (result.Outcome != MeasureRecordOutcome.Duplicate && ownModules.Contains(chunk[i].Source))
                {
                    reported[chunk[i].Source] = reported.GetValueOrDefault(chunk[i].Source) + 1;
                }

                // Each acknowledgement is sent once its observation is durable; they stand if a later one is refused.
                await responses.WriteAsync(ObservationRecorder.Ack(result));
                acknowledged++;
            }

            if (recording.Refusal is not null)
            {
                throw ObservationRecorder.Refused(acknowledged + 1, recording.Refusal);
            }

            if (forbidden >= 0)
            {
                caller.Demand(false,
                    $"report observation #{acknowledged + 1} of measure '{chunk[forbidden].MeasureId}' (the {acknowledged} before it were recorded)",
                    caller.Role == AccessRole.Partner ? ProgrammeAccess.CoOwnerRule : "only partners report observations.");
            }
        }
    }

    public override async Task<ListObservationsResponse> ListObservations(ListObservationsRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var definition = (await OfTheProgramme(office.ProgrammeAsync())).Definition;
        if (request.MeasureId.Length > 0 && definition.FindMeasure(request.MeasureId) is not null)
        {
            caller.Demand(ProgrammeAccess.CanReadMeasure(caller, request.MeasureId, definition), $"read the observations of measure '{request.MeasureId}'", ProgrammeAccess.CoOwnerRule);
        }

        var response = await ListObservations(request, context.CancellationToken);
        var hidden = response.Observations.Where(o => !ProgrammeAccess.CanReadMeasure(caller, o.Observation.MeasureId, definition)).ToList();
        hidden.ForEach(o => response.Observations.Remove(o));
        return response;
    }

    internal async Task<ListObservationsResponse> ListObservations(ListObservationsRequest request, CancellationToken cancellationToken)
    {
        var programme = (await office.ProgrammeAsync()).Definition;
        IEnumerable<string> measures;
        if (request.MeasureId.Length > 0)
        {
            if (programme.FindMeasure(request.MeasureId) is null)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"measure_id '{request.MeasureId}' is not a measure of programme '{programme.Id}'."));
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
            var revisions = await office.RevisionsAsync(measure);
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

    public override Task<AlignmentReport> CheckAlignment(CheckAlignmentRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        return OfTheProgramme(CheckAlignment(request, context.CancellationToken));
    }

    internal async Task<AlignmentReport> CheckAlignment(CheckAlignmentRequest request, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.AsOf.Length > 0 && !DateOnly.TryParseExact(request.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"as_of '{request.AsOf}' is not a date; expected YYYY-MM-DD."));
        }

        if (asOf < AlignmentContext.EarliestAsOf || asOf > AlignmentContext.LatestAsOf)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"as_of '{request.AsOf}' is outside the days a check can be run as of, {AlignmentContext.EarliestAsOf:yyyy-MM-dd} to {AlignmentContext.LatestAsOf:yyyy-MM-dd}.")));
        }

        var summary = await modules.EvaluateAlignmentAsync(asOf, cancellationToken);
        return ContractMapping.ToContract(summary);
    }

    public override async Task<ListPluginsResponse> ListPlugins(ListPluginsRequest request, ServerCallContext context)
    {
        access.CallerOf(context);
        var response = new ListPluginsResponse();
        response.Plugins.AddRange(await modules.PluginViewsAsync());
        response.ManifestErrors.AddRange(plugins.ManifestErrors);
        return response;
    }

    [Authorize(Policy = AccessPolicies.Partner)]
    public override async Task<RegisterModuleResponse> RegisterModule(RegisterModuleRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var module = request.Module?.Clone() ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "module: is required: the module's id, name, version and measures."));
        try
        {
            var registration = await modules.RegisterModuleAsync(module, caller, time.GetUtcNow());
            return new RegisterModuleResponse { RegisteredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(registration.RegisteredAt), Updated = registration.Updated };
        }
        catch (ModuleRegistrationRefusedException ex)
        {
            throw new RpcException(new Status(ex.IdTaken ? StatusCode.AlreadyExists : StatusCode.InvalidArgument, ex.Message));
        }
    }

    private async Task<SharedGoalProgress> ProgressOfAsync(string goalId)
    {
        if (string.IsNullOrWhiteSpace(goalId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "goal_id is required."));
        }

        try
        {
            return await office.ProgressAsync(goalId);
        }
        catch (KeyNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"goal_id: {ex.Message}"));
        }
    }
}
