using Collaborative.Contracts.V1;
using Grpc.Core;
using Collaborative.Host.Hosting;
using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Host.Cli;

/// <summary>
/// The programme read straight from the embedded store when no host runs: the host's own programme
/// wiring (grain runtime, storage, HostService) in this process, without Kestrel or the plugin supervisor.
/// </summary>
internal sealed class EmbeddedStore : IProgrammeClient
{
    private readonly IHost _host;
    private readonly HostService _service;
    private readonly ObservationRecorder _recorder;
    private readonly string _programme;

    private EmbeddedStore(IHost host, string programme)
    {
        _host = host;
        _programme = programme;
        _service = host.Services.GetRequiredService<HostService>();
        _recorder = host.Services.GetRequiredService<ObservationRecorder>();
    }

    public bool IsEmbedded => true;

    /// <summary>Opens the store the configuration names (the SQLite file in the data directory by default).</summary>
    public static async Task<EmbeddedStore> OpenAsync(CliSettings settings, CancellationToken cancellationToken)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            // No default logging providers: the CLI's stdout is its output, not a log.
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddConfiguration(settings.Configuration);
        // The CLI reads this machine's store with a silo of its own: it never joins a cluster.
        builder.Configuration[$"{Collaborative.Cluster.CollaborativeClusterOptions.SectionName}:Provider"] = nameof(Collaborative.Cluster.ClusterProvider.Localhost);
        builder.Services.AddLogging();
        builder.Services.AddOptions<CollaborativeHostOptions>().Bind(builder.Configuration.GetSection(CollaborativeHostOptions.Section));
        builder.Services.AddOptions<PluginHostOptions>().Bind(builder.Configuration.GetSection(PluginHostOptions.Section));
        builder.AddProgramme(settings.HostOptions);

        // HostService asks for the supervisor; never started here, it supervises nothing and reports no plugins.
        builder.Services.AddSingleton<PluginSupervisor>();

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedStore(host, settings.Programme);
    }

    public Task<ProgrammeView> GetProgrammeAsync(CancellationToken cancellationToken) =>
        _service.GetProgramme(new GetProgrammeRequest { ProgrammeId = _programme }, cancellationToken);

    public Task<ListProgrammesResponse> ListProgrammesAsync(CancellationToken cancellationToken) =>
        _service.ListProgrammes(new ListProgrammesRequest(), cancellationToken);

    public Task<CreateProgrammeResponse> CreateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken) =>
        _service.CreateProgramme(new CreateProgrammeRequest { Yaml = yaml, FileName = fileName }, cancellationToken);

    public Task<UpdateProgrammeResponse> UpdateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken) =>
        _service.UpdateProgramme(new UpdateProgrammeRequest { Yaml = yaml, FileName = fileName, ProgrammeId = _programme }, cancellationToken);

    public Task<GoalProgress> GetGoalProgressAsync(string goalId, CancellationToken cancellationToken) =>
        _service.GetGoalProgress(new GetGoalProgressRequest { GoalId = goalId, ProgrammeId = _programme }, cancellationToken);

    public Task<ListGoalProgressResponse> ListGoalProgressAsync(CancellationToken cancellationToken) =>
        _service.ListGoalProgress(new ListGoalProgressRequest { ProgrammeId = _programme }, cancellationToken);

    public Task<ListObservationsResponse> ListObservationsAsync(string measureId, CancellationToken cancellationToken) =>
        _service.ListObservations(new ListObservationsRequest { MeasureId = measureId, ProgrammeId = _programme }, cancellationToken);

    public Task<AlignmentReport> CheckAlignmentAsync(string asOf, CancellationToken cancellationToken) =>
        _service.CheckAlignment(new CheckAlignmentRequest { AsOf = asOf, ProgrammeId = _programme }, cancellationToken);

    public Task<ListPluginsResponse?> ListPluginsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ListPluginsResponse?>(null);

    public Task<MethodRecords> GetMethodRecordsAsync(string goalId, CancellationToken cancellationToken) =>
        _service.GetMethodRecords(new GetMethodRecordsRequest { ProgrammeId = _programme, GoalId = goalId }, cancellationToken);

    public Task<MethodWriteResponse> RecordAsync(MethodWrite write, CancellationToken cancellationToken) =>
        _service.WriteMethod(_programme, write, cancellationToken);

    public Task<TeamProgressView> GetTeamProgressAsync(string month, CancellationToken cancellationToken) =>
        _service.GetTeamProgress(new GetTeamProgressRequest { ProgrammeId = _programme, Month = month }, cancellationToken);

    public Task<UpdateDriverDiagramResponse> UpdateDriverDiagramAsync(string goalId, DriverDiagramView diagram, CancellationToken cancellationToken) =>
        _service.UpdateDriverDiagram(new UpdateDriverDiagramRequest { ProgrammeId = _programme, GoalId = goalId, Diagram = diagram }, cancellationToken);

    public Task<ListMethodAuditResponse> ListMethodAuditAsync(string month, CancellationToken cancellationToken) =>
        _service.ListMethodAudit(new ListMethodAuditRequest { ProgrammeId = _programme, Month = month }, cancellationToken);

    public async Task<IReadOnlyList<ObservationAck>> ReportObservationsAsync(IReadOnlyList<Observation> observations, Action<ObservationAck> acknowledged, CancellationToken cancellationToken)
    {
        var acks = new List<ObservationAck>(observations.Count);
        var programme = await _service.SnapshotOf(_programme);
        // In the host's chunks: one write per measure each, and the same acknowledgements and refusals.
        foreach (var chunk in observations.Chunk(HostService.ReportChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recording = await _recorder.RecordInOrderAsync(programme, chunk);
            foreach (var result in recording.Recorded)
            {
                var ack = ObservationRecorder.Ack(result);
                acks.Add(ack);
                acknowledged(ack);
            }

            if (recording.Refusal is not null)
            {
                throw ObservationRecorder.Refused(acks.Count + 1, recording.Refusal);
            }
        }

        return acks;
    }

    public async ValueTask DisposeAsync()
    {
        // Stopping deactivates the grains: everything acknowledged is already durable, this is tidiness.
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
