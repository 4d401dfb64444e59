using Collaborative.Contracts.V1;
using Collaborative.Plugins;
using Grpc.Core;
using Grpc.Net.Client;
using HostClient = Collaborative.Contracts.V1.Host.HostClient;

namespace Collaborative.Host.Cli;

/// <summary>A running host, over host.proto with the generated client on a grpc-dotnet channel.</summary>
internal sealed class HostConnection(string address, string? token, string programme) : IProgrammeClient
{
    // Reads are quick; a host that takes longer than this is stuck, and a pipeline should not hang on it.
    private static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(60);

    private readonly GrpcChannel _channel = GrpcChannels.ForAddress(address);

    private HostClient Client => new(_channel);

    public bool IsEmbedded => false;

    public Task<ProgrammeView> GetProgrammeAsync(CancellationToken cancellationToken) =>
        Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public Task<ListProgrammesResponse> ListProgrammesAsync(CancellationToken cancellationToken) =>
        Client.ListProgrammesAsync(new ListProgrammesRequest(), Read(cancellationToken)).ResponseAsync;

    public Task<CreateProgrammeResponse> CreateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken) =>
        Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml, FileName = fileName }, Read(cancellationToken)).ResponseAsync;

    public Task<UpdateProgrammeResponse> UpdateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken) =>
        Client.UpdateProgrammeAsync(new UpdateProgrammeRequest { Yaml = yaml, FileName = fileName, ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public Task<GoalProgress> GetGoalProgressAsync(string goalId, CancellationToken cancellationToken) =>
        Client.GetGoalProgressAsync(new GetGoalProgressRequest { GoalId = goalId, ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public Task<ListGoalProgressResponse> ListGoalProgressAsync(CancellationToken cancellationToken) =>
        Client.ListGoalProgressAsync(new ListGoalProgressRequest { ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public Task<ListObservationsResponse> ListObservationsAsync(string measureId, CancellationToken cancellationToken) =>
        Client.ListObservationsAsync(new ListObservationsRequest { MeasureId = measureId, ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public Task<AlignmentReport> CheckAlignmentAsync(string asOf, CancellationToken cancellationToken) =>
        Client.CheckAlignmentAsync(new CheckAlignmentRequest { AsOf = asOf, ProgrammeId = programme }, Read(cancellationToken)).ResponseAsync;

    public async Task<ListPluginsResponse?> ListPluginsAsync(CancellationToken cancellationToken) =>
        await Client.ListPluginsAsync(new ListPluginsRequest(), Read(cancellationToken));

    public Task<MethodRecords> GetMethodRecordsAsync(string goalId, CancellationToken cancellationToken) =>
        Client.GetMethodRecordsAsync(new GetMethodRecordsRequest { ProgrammeId = programme, GoalId = goalId }, Read(cancellationToken)).ResponseAsync;

    public Task<MethodWriteResponse> RecordAsync(MethodWrite write, CancellationToken cancellationToken) => write.RecordCase switch
    {
        MethodWrite.RecordOneofCase.Cycle => Client.RecordPdsaCycleAsync(new RecordPdsaCycleRequest { ProgrammeId = programme, Cycle = write.Cycle }, Read(cancellationToken)).ResponseAsync,
        MethodWrite.RecordOneofCase.Annotation => Client.RecordAnnotationAsync(new RecordAnnotationRequest { ProgrammeId = programme, Annotation = write.Annotation }, Read(cancellationToken)).ResponseAsync,
        MethodWrite.RecordOneofCase.Score => Client.RecordProgressScoreAsync(new RecordProgressScoreRequest { ProgrammeId = programme, Score = write.Score }, Read(cancellationToken)).ResponseAsync,
        _ => Client.RecordLearningEventAsync(new RecordLearningEventRequest { ProgrammeId = programme, LearningEvent = write.LearningEvent }, Read(cancellationToken)).ResponseAsync,
    };

    public Task<TeamProgressView> GetTeamProgressAsync(string month, CancellationToken cancellationToken) =>
        Client.GetTeamProgressAsync(new GetTeamProgressRequest { ProgrammeId = programme, Month = month }, Read(cancellationToken)).ResponseAsync;

    public Task<UpdateDriverDiagramResponse> UpdateDriverDiagramAsync(string goalId, DriverDiagramView diagram, CancellationToken cancellationToken) =>
        Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { ProgrammeId = programme, GoalId = goalId, Diagram = diagram }, Read(cancellationToken)).ResponseAsync;

    public Task<ListMethodAuditResponse> ListMethodAuditAsync(string month, CancellationToken cancellationToken) =>
        Client.ListMethodAuditAsync(new ListMethodAuditRequest { ProgrammeId = programme, Month = month }, Read(cancellationToken)).ResponseAsync;

    public async Task<IReadOnlyList<ObservationAck>> ReportObservationsAsync(IReadOnlyList<Observation> observations, Action<ObservationAck> acknowledged, CancellationToken cancellationToken)
    {
        // No deadline: a large import takes as long as it takes; Ctrl+C cancels it.
        var headers = Headers() ?? [];
        if (programme.Length > 0)
        {
            headers.Add(PluginProtocol.ProgrammeHeader, programme);
        }

        using var call = Client.ReportObservations(new CallOptions(headers, cancellationToken: cancellationToken));
        var acks = new List<ObservationAck>(observations.Count);
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                acks.Add(call.ResponseStream.Current);
                acknowledged(call.ResponseStream.Current);
            }
        }, cancellationToken);

        Exception? writeFailure = null;
        try
        {
            foreach (var observation in observations)
            {
                await call.RequestStream.WriteAsync(observation, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The host may have ended the call (e.g. refused an observation): the response stream's
            // status says why, so it wins over this write's error.
            writeFailure = ex;
        }

        await reading;
        if (writeFailure is not null)
        {
            throw writeFailure;
        }

        return acks;
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private CallOptions Read(CancellationToken cancellationToken) =>
        new(Headers(), DateTime.UtcNow + ReadDeadline, cancellationToken);

    // Single-user loopback mode needs no token; with access control on, the host reads this header.
    private Metadata? Headers() => string.IsNullOrEmpty(token) ? null : new Metadata { { PluginProtocol.AuthorizationHeader, PluginProtocol.BearerPrefix + token } };
}
