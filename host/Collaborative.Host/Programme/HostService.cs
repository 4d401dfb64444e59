using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Grpc.Core;
using Collaborative.Host.Access;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using Collaborative.Plugins;
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

    public override async Task<ListProgrammesResponse> ListProgrammes(ListProgrammesRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var response = await ListProgrammes(request, context.CancellationToken);
        // A principal limited to some programmes learns of no other.
        var hidden = response.Programmes.Where(p => !caller.MayUseProgramme(p.Id)).ToList();
        hidden.ForEach(p => response.Programmes.Remove(p));
        if (!caller.MayUseProgramme(response.DefaultProgrammeId))
        {
            response.DefaultProgrammeId = "";
        }

        return response;
    }

    internal async Task<ListProgrammesResponse> ListProgrammes(ListProgrammesRequest request, CancellationToken cancellationToken)
    {
        var portfolio = await office.PortfolioAsync();
        var response = new ListProgrammesResponse { DefaultProgrammeId = portfolio.Default?.ProgrammeId ?? "" };
        foreach (var scope in portfolio.Programmes)
        {
            var summary = new ProgrammeSummary { Id = scope.ProgrammeId, IsDefault = scope == portfolio.Default };
            try
            {
                var programme = await office.ProgrammeAsync(scope);
                summary.Name = programme.Definition.Name;
                summary.Version = programme.Version;
                summary.GoalCount = programme.Definition.Goals.Length;
                summary.Partners.AddRange(programme.Definition.Partners.Select(p => p.Id));
            }
            catch (ProgrammeDefinitionException ex)
            {
                summary.Refusal = ex.Message;
            }

            response.Programmes.Add(summary);
        }

        return response;
    }

    [Authorize(Policy = AccessPolicies.Admin)]
    public override async Task<CreateProgrammeResponse> CreateProgramme(CreateProgrammeRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var yaml = RequiredYaml(request.Yaml);
        // The id is the YAML's: a limited admin may create only a programme it is limited to.
        if (!caller.Programmes.IsDefaultOrEmpty && ProgrammeIdOf(yaml) is { } id)
        {
            caller.Demand(caller.MayUseProgramme(id), $"create programme '{id}'", caller.ProgrammesRule);
        }

        return await CreateProgramme(request, context.CancellationToken);
    }

    internal async Task<CreateProgrammeResponse> CreateProgramme(CreateProgrammeRequest request, CancellationToken cancellationToken)
    {
        var yaml = RequiredYaml(request.Yaml);
        try
        {
            var creation = await office.CreateProgrammeAsync(yaml, FileNameOf(request.FileName));
            return new CreateProgrammeResponse { ProgrammeId = creation.Scope!.ProgrammeId, Version = creation.Version };
        }
        catch (ProgrammeDefinitionException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The programme was not created. {ex.Message}"));
        }
        catch (ProgrammeExistsException ex)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"The programme was not created. {ex.Message}"));
        }
    }

    public override async Task<ProgrammeView> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        return ContractMapping.ToView(await OfTheProgramme(office.ProgrammeAsync(scope)));
    }

    public override async Task<PartnerOrganisationView> GetPartner(GetPartnerRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        if (string.IsNullOrWhiteSpace(request.PartnerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "partner_id is required."));
        }

        caller.Demand(!caller.ScopedToPartner || caller.Partner == request.PartnerId, $"read partner organisation '{request.PartnerId}'", "a partner reads only its own organisation.");
        var view = await GetPartner(request, context.CancellationToken);
        var hidden = view.Programmes.Where(p => !caller.MayUseProgramme(p.ProgrammeId)).ToList();
        hidden.ForEach(p => view.Programmes.Remove(p));
        return view;
    }

    internal async Task<PartnerOrganisationView> GetPartner(GetPartnerRequest request, CancellationToken cancellationToken)
    {
        PartnerProfile profile;
        try
        {
            profile = await office.PartnerAsync(request.PartnerId);
        }
        catch (KeyNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"partner_id: {ex.Message}"));
        }

        return ContractMapping.ToView(profile);
    }

    /// <summary>
    /// The programme a call names (empty: the default), when the caller may use it: PERMISSION_DENIED naming the
    /// programme for a principal limited to others (before whether it exists, so a refusal says nothing of other
    /// programmes), NOT_FOUND naming programme_id for one the deployment does not have.
    /// </summary>
    private async Task<ProgrammeScope> ProgrammeFor(AccessPrincipal caller, string programmeId, string action)
    {
        if (programmeId.Length > 0)
        {
            caller.Demand(caller.MayUseProgramme(programmeId), $"{action} programme '{programmeId}'", caller.ProgrammesRule);
        }

        var scope = await OfTheProgramme(ScopeOf(programmeId));
        caller.Demand(caller.MayUseProgramme(scope.ProgrammeId), $"{action} programme '{scope.ProgrammeId}' (the default programme)", caller.ProgrammesRule);
        return scope;
    }

    /// <summary>The named programme (empty: the default), or NOT_FOUND naming programme_id.</summary>
    private async Task<ProgrammeScope> ScopeOf(string programmeId)
    {
        try
        {
            return await office.ScopeAsync(programmeId);
        }
        catch (ProgrammeNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, ex.Message));
        }
    }

    /// <summary>The named programme's definition (empty: the default), or NOT_FOUND naming programme_id.</summary>
    internal async Task<ProgrammeSnapshot> SnapshotOf(string programmeId) => await office.ProgrammeAsync(await ScopeOf(programmeId));

    private static string RequiredYaml(string yaml) =>
        string.IsNullOrWhiteSpace(yaml) ? throw new RpcException(new Status(StatusCode.InvalidArgument, "yaml is required: the whole programme definition.")) : yaml;

    private static string FileNameOf(string fileName) => string.IsNullOrWhiteSpace(fileName) ? "programme.yaml" : fileName;

    /// <summary>The id a programme YAML gives itself, when it loads; the loader's errors are for the call itself to answer.</summary>
    private static string? ProgrammeIdOf(string yaml)
    {
        try
        {
            return YamlProgrammeLoader.Load(yaml, "programme.yaml").Id;
        }
        catch (ProgrammeDefinitionException)
        {
            return null;
        }
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
        ContractMapping.ToView(await SnapshotOf(request.ProgrammeId));

    [Authorize(Policy = AccessPolicies.Admin)]
    public override async Task<UpdateProgrammeResponse> UpdateProgramme(UpdateProgrammeRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        RequiredYaml(request.Yaml);
        if (request.ProgrammeId.Length > 0 || (await office.PortfolioAsync()).Default is not null)
        {
            await ProgrammeFor(caller, request.ProgrammeId, "replace");
        }

        return await UpdateProgramme(request, context.CancellationToken);
    }

    internal async Task<UpdateProgrammeResponse> UpdateProgramme(UpdateProgrammeRequest request, CancellationToken cancellationToken)
    {
        var yaml = RequiredYaml(request.Yaml);
        try
        {
            var version = await office.UpdateProgrammeAsync(request.ProgrammeId, yaml, FileNameOf(request.FileName));
            return new UpdateProgrammeResponse { Version = version };
        }
        catch (ProgrammeDefinitionException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The programme was not changed. {ex.Message}"));
        }
        catch (ProgrammeNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"The programme was not changed. {ex.Message}"));
        }
    }

    public override async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        // One resolution of the programme per call: a board refreshing reads through as few grain calls as it can.
        var progress = ContractMapping.ToContract(await ProgressOfAsync(await OfTheProgramme(office.ProgrammeAsync(scope)), request.GoalId));
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.CoOwners), $"read the progress of goal '{request.GoalId}'", ProgrammeAccess.CoOwnerRule);
        return progress;
    }

    internal async Task<GoalProgress> GetGoalProgress(GetGoalProgressRequest request, CancellationToken cancellationToken) =>
        ContractMapping.ToContract(await ProgressOfAsync(await SnapshotOf(request.ProgrammeId), request.GoalId));

    public override async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        var response = await ListGoalProgress(await OfTheProgramme(office.ProgrammeAsync(scope)));
        // A partner's board lists the goals its organisation co-owns.
        var hidden = response.Goals.Where(g => !ProgrammeAccess.CanReadGoal(caller, g.CoOwners)).ToList();
        hidden.ForEach(g => response.Goals.Remove(g));
        return response;
    }

    internal async Task<ListGoalProgressResponse> ListGoalProgress(ListGoalProgressRequest request, CancellationToken cancellationToken) =>
        await ListGoalProgress(await SnapshotOf(request.ProgrammeId));

    private async Task<ListGoalProgressResponse> ListGoalProgress(ProgrammeSnapshot programme)
    {
        var response = new ListGoalProgressResponse();
        foreach (var goal in programme.Definition.Goals)
        {
            response.Goals.Add(ContractMapping.ToContract(await office.ProgressAsync(programme, goal.Id)));
        }

        return response;
    }

    public override async Task WatchProgress(WatchProgressRequest request, IServerStreamWriter<GoalProgress> responses, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "watch");
        var progress = await ProgressOfAsync(await office.ProgrammeAsync(scope), request.GoalId);
        caller.Demand(ProgrammeAccess.CanReadGoal(caller, progress.Goal.CoOwners), $"watch the progress of goal '{request.GoalId}'", ProgrammeAccess.CoOwnerRule);
        await using var watcher = await office.WatchAsync(scope, progress.Measure.Id);
        await responses.WriteAsync(ContractMapping.ToContract(progress));
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var next = await watcher.ReadAfterNextChangeAsync(async () => await ProgressOfAsync(await office.ProgrammeAsync(scope), request.GoalId), context.CancellationToken);
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
        var scope = await ProgrammeFor(caller, context.RequestHeaders.GetValue(PluginProtocol.ProgrammeHeader) ?? "", "report to");
        // Observations whose source is a module this caller's organisation registered count as that module's reports.
        var ownModules = (await office.ModulesAsync()).Where(m => caller.SingleUser || m.Partner == caller.Partner).Select(m => m.Description.Id).ToHashSet(StringComparer.Ordinal);
        var reported = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await RecordReportsAsync(caller, scope, requests, responses, ownModules, reported, context.CancellationToken);
        }
        finally
        {
            foreach (var (module, count) in reported)
            {
                await office.RecordModuleReportsAsync(module, count, time.GetUtcNow());
            }
        }
    }

    private async Task RecordReportsAsync(AccessPrincipal caller, ProgrammeScope scope, IAsyncStreamReader<Observation> requests, IServerStreamWriter<ObservationAck> responses,
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

            var snapshot = await office.ProgrammeAsync(scope);
            var definition = snapshot.Definition;
            // An unknown measure goes on to the recorder, whose INVALID_ARGUMENT names it.
            var forbidden = chunk.FindIndex(o => definition.FindMeasure(o.MeasureId) is not null && !ProgrammeAccess.CanReport(caller, o.MeasureId, definition));
            var recording = await recorder.RecordInOrderAsync(snapshot, forbidden < 0 ? chunk : chunk[..forbidden]);
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
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        var definition = (await OfTheProgramme(office.ProgrammeAsync(scope))).Definition;
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
        var snapshot = await SnapshotOf(request.ProgrammeId);
        var programme = snapshot.Definition;
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
            var revisions = await office.RevisionsAsync(snapshot.Scope, measure);
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

    public override async Task<AlignmentReport> CheckAlignment(CheckAlignmentRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        await ProgrammeFor(caller, request.ProgrammeId, "check");
        return await OfTheProgramme(CheckAlignment(request, context.CancellationToken));
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

        var summary = await modules.EvaluateAlignmentAsync(await SnapshotOf(request.ProgrammeId), asOf, cancellationToken);
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
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "register a module in");
        try
        {
            var registration = await modules.RegisterModuleAsync(await OfTheProgramme(office.ProgrammeAsync(scope)), module, caller, time.GetUtcNow());
            return new RegisterModuleResponse { RegisteredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(registration.RegisteredAt), Updated = registration.Updated };
        }
        catch (ModuleRegistrationRefusedException ex)
        {
            throw new RpcException(new Status(ex.IdTaken ? StatusCode.AlreadyExists : StatusCode.InvalidArgument, ex.Message));
        }
    }

    public override async Task<MethodRecords> GetMethodRecords(GetMethodRecordsRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        var programme = await OfTheProgramme(office.ProgrammeAsync(scope));
        if (request.GoalId.Length > 0 && programme.Definition.FindGoal(request.GoalId) is { } goal)
        {
            caller.Demand(ProgrammeAccess.CanReadGoal(caller, goal.CoOwners), $"read the improvement method of goal '{request.GoalId}'", ProgrammeAccess.CoOwnerRule);
        }

        return await MethodRecordsOf(programme, request.GoalId, caller);
    }

    internal async Task<MethodRecords> GetMethodRecords(GetMethodRecordsRequest request, CancellationToken cancellationToken) =>
        await MethodRecordsOf(await SnapshotOf(request.ProgrammeId), request.GoalId, null);

    private async Task<MethodRecords> MethodRecordsOf(ProgrammeSnapshot programme, string goalId, AccessPrincipal? caller)
    {
        if (goalId.Length > 0 && programme.Definition.FindGoal(goalId) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"goal_id: Programme '{programme.Definition.Id}' has no shared goal '{goalId}'."));
        }

        var method = await office.MethodAsync(programme);
        return MethodViews.Readable(method.Records, programme.Definition, caller, goalId.Length > 0 ? goalId : null);
    }

    public override Task<MethodWriteResponse> RecordPdsaCycle(RecordPdsaCycleRequest request, ServerCallContext context) =>
        WriteMethodAsync(context, request.ProgrammeId, new MethodWrite { Cycle = Required(request.Cycle, "cycle") });

    public override Task<MethodWriteResponse> RecordAnnotation(RecordAnnotationRequest request, ServerCallContext context) =>
        WriteMethodAsync(context, request.ProgrammeId, new MethodWrite { Annotation = Required(request.Annotation, "annotation") });

    public override Task<MethodWriteResponse> RecordProgressScore(RecordProgressScoreRequest request, ServerCallContext context) =>
        WriteMethodAsync(context, request.ProgrammeId, new MethodWrite { Score = Required(request.Score, "score") });

    public override Task<MethodWriteResponse> RecordLearningEvent(RecordLearningEventRequest request, ServerCallContext context) =>
        WriteMethodAsync(context, request.ProgrammeId, new MethodWrite { LearningEvent = Required(request.LearningEvent, "learning_event") });

    /// <summary>A write of the method by the caller: a staff system is refused before anything is read; the grain checks the goals.</summary>
    private async Task<MethodWriteResponse> WriteMethodAsync(ServerCallContext context, string programmeId, MethodWrite write)
    {
        var caller = access.CallerOf(context);
        var action = $"record {Article(ProgrammeOffice.Word(write))}";
        caller.Demand(caller.SingleUser || caller.Role != AccessRole.Staff, action, MethodWriters.Rule);
        var scope = await ProgrammeFor(caller, programmeId, "record the improvement method in");
        return await WriteMethodAsync(scope, write, MethodViews.AuthorOf(caller), caller, action);
    }

    /// <summary>The embedded CLI's write: the single local user of this machine's store.</summary>
    internal async Task<MethodWriteResponse> WriteMethod(string programmeId, MethodWrite write, CancellationToken cancellationToken) =>
        await WriteMethodAsync(await OfTheProgramme(ScopeOf(programmeId)), write, LocalAuthor, null, "");

    private async Task<MethodWriteResponse> WriteMethodAsync(ProgrammeScope scope, MethodWrite write, MethodAuthor author, AccessPrincipal? caller, string action)
    {
        try
        {
            return await office.WriteMethodAsync(scope, write, author);
        }
        catch (MethodRecordException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (MethodWriteDeniedException ex)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, caller is null ? ex.Message : GrpcAccess.Denied(caller, action, ex.Message)));
        }
    }

    public override async Task<TeamProgressView> GetTeamProgress(GetTeamProgressRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "read");
        return await TeamProgressOf(await OfTheProgramme(office.ProgrammeAsync(scope)), request.Month, caller);
    }

    internal async Task<TeamProgressView> GetTeamProgress(GetTeamProgressRequest request, CancellationToken cancellationToken) =>
        await TeamProgressOf(await SnapshotOf(request.ProgrammeId), request.Month, null);

    private async Task<TeamProgressView> TeamProgressOf(ProgrammeSnapshot programme, string month, AccessPrincipal? caller)
    {
        var method = await office.MethodAsync(programme);
        bool Readable(SharedGoal goal) => caller is null || ProgrammeAccess.CanReadGoal(caller, goal.CoOwners);
        var asked = month.Length > 0
            ? MonthOf(month, "month")
            : TeamProgress.LatestScoredMonth(method.Snapshot, id => programme.Definition.FindGoal(id) is { } goal && Readable(goal), Today);
        var progress = TeamProgress.For(programme.Definition, method.Snapshot, asked);
        return MethodViews.ToView(progress, programme.Definition, Readable);
    }

    public override async Task<UpdateDriverDiagramResponse> UpdateDriverDiagram(UpdateDriverDiagramRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        var action = $"change the driver diagram of goal '{request.GoalId}'";
        caller.Demand(caller.SingleUser || caller.Role != AccessRole.Staff, action, MethodWriters.Rule);
        var scope = await ProgrammeFor(caller, request.ProgrammeId, "change a driver diagram in");
        return await UpdateDriverDiagramAsync(scope, request, MethodViews.AuthorOf(caller), caller, action);
    }

    internal async Task<UpdateDriverDiagramResponse> UpdateDriverDiagram(UpdateDriverDiagramRequest request, CancellationToken cancellationToken) =>
        await UpdateDriverDiagramAsync(await OfTheProgramme(ScopeOf(request.ProgrammeId)), request, LocalAuthor, null, "");

    private async Task<UpdateDriverDiagramResponse> UpdateDriverDiagramAsync(ProgrammeScope scope, UpdateDriverDiagramRequest request, MethodAuthor author, AccessPrincipal? caller, string action)
    {
        if (string.IsNullOrWhiteSpace(request.GoalId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "goal_id is required."));
        }

        var diagram = MethodViews.ToDiagram(Required(request.Diagram, "diagram"));
        try
        {
            var update = await OfTheProgramme(office.UpdateDriverDiagramAsync(scope, request.GoalId, diagram, author, time.GetUtcNow()));
            return new UpdateDriverDiagramResponse { Version = update.Version, Diagram = MethodViews.ToView(update.Diagram) };
        }
        catch (KeyNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"goal_id: {ex.Message}"));
        }
        catch (MethodRecordException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (MethodWriteDeniedException ex)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, caller is null ? ex.Message : GrpcAccess.Denied(caller, action, ex.Message)));
        }
    }

    [Authorize(Policy = AccessPolicies.Auditor)]
    public override async Task<ListMethodAuditResponse> ListMethodAudit(ListMethodAuditRequest request, ServerCallContext context)
    {
        var caller = access.CallerOf(context);
        await ProgrammeFor(caller, request.ProgrammeId, "read the method audit of");
        return await ListMethodAudit(request, context.CancellationToken);
    }

    internal async Task<ListMethodAuditResponse> ListMethodAudit(ListMethodAuditRequest request, CancellationToken cancellationToken)
    {
        var month = request.Month.Length > 0 ? MonthOf(request.Month, "month") : Period.Containing(Today, PeriodKind.Month);
        var scope = await OfTheProgramme(ScopeOf(request.ProgrammeId));
        var response = new ListMethodAuditResponse { Month = month.Label };
        response.Entries.AddRange(await office.MethodAuditAsync(scope, month.Start.Year, month.Start.Month));
        return response;
    }

    private static MethodAuthor LocalAuthor => new() { Principal = MethodViews.LocalUser, Role = MethodViews.LocalUser };

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static Period MonthOf(string text, string field) =>
        Period.TryParse(text.Trim(), PeriodKind.Month, out var month, out var error)
            ? month
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {error}"));

    private static T Required<T>(T? message, string field)
        where T : class =>
        message ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: is required."));

    private static string Article(string noun) => (noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + noun;

    private async Task<SharedGoalProgress> ProgressOfAsync(ProgrammeSnapshot programme, string goalId)
    {
        if (string.IsNullOrWhiteSpace(goalId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "goal_id is required."));
        }

        try
        {
            return await office.ProgressAsync(programme, goalId);
        }
        catch (KeyNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"goal_id: {ex.Message}"));
        }
    }
}
