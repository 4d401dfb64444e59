using Collaborative.Contracts.V1;

namespace Collaborative.Host.Cli;

/// <summary>
/// What the CLI's verbs need of the programme, whether a host answers over host.proto or the CLI opens
/// the embedded store itself. Both speak host.proto messages, so every verb prints the same either way.
/// Every call is for the programme the client was opened for (`--programme`; empty: the default programme).
/// </summary>
internal interface IProgrammeClient : IAsyncDisposable
{
    /// <summary>True when no host answered and the CLI reads the store in-process.</summary>
    bool IsEmbedded { get; }

    Task<ProgrammeView> GetProgrammeAsync(CancellationToken cancellationToken);

    /// <summary>Every programme of the deployment the caller may read (whatever `--programme` says).</summary>
    Task<ListProgrammesResponse> ListProgrammesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a programme from its YAML; its id is the YAML's.</summary>
    Task<CreateProgrammeResponse> CreateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken);

    /// <summary>Replaces the programme's definition with <paramref name="yaml"/>.</summary>
    Task<UpdateProgrammeResponse> UpdateProgrammeAsync(string yaml, string fileName, CancellationToken cancellationToken);

    Task<GoalProgress> GetGoalProgressAsync(string goalId, CancellationToken cancellationToken);

    Task<ListGoalProgressResponse> ListGoalProgressAsync(CancellationToken cancellationToken);

    Task<ListObservationsResponse> ListObservationsAsync(string measureId, CancellationToken cancellationToken);

    Task<AlignmentReport> CheckAlignmentAsync(string asOf, CancellationToken cancellationToken);

    /// <summary>The host's plugins; null in embedded mode, where nothing supervises them.</summary>
    Task<ListPluginsResponse?> ListPluginsAsync(CancellationToken cancellationToken);

    /// <summary>The programme's method records, all or one goal's (<paramref name="goalId"/> "").</summary>
    Task<MethodRecords> GetMethodRecordsAsync(string goalId, CancellationToken cancellationToken);

    /// <summary>Records a PDSA cycle, annotation, progress score or learning event, as the caller.</summary>
    Task<MethodWriteResponse> RecordAsync(MethodWrite write, CancellationToken cancellationToken);

    /// <summary>Where the goal teams stand in <paramref name="month"/> ("": the latest month scored).</summary>
    Task<TeamProgressView> GetTeamProgressAsync(string month, CancellationToken cancellationToken);

    Task<UpdateDriverDiagramResponse> UpdateDriverDiagramAsync(string goalId, DriverDiagramView diagram, CancellationToken cancellationToken);

    /// <summary>The audit of a month's method writes ("": this month).</summary>
    Task<ListMethodAuditResponse> ListMethodAuditAsync(string month, CancellationToken cancellationToken);

    /// <summary>Records observations in order, each acknowledged once durable; <paramref name="acknowledged"/> is told after each.</summary>
    Task<IReadOnlyList<ObservationAck>> ReportObservationsAsync(IReadOnlyList<Observation> observations, Action<ObservationAck> acknowledged, CancellationToken cancellationToken);
}
