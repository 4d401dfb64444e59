using Collaborative.Contracts.V1;

namespace Collaborative.Host.Cli;

/// <summary>
/// What the CLI's verbs need of the programme, whether a host answers over host.proto or the CLI opens
/// the embedded store itself. Both speak host.proto messages, so every verb prints the same either way.
/// </summary>
internal interface IProgrammeClient : IAsyncDisposable
{
    /// <summary>True when no host answered and the CLI reads the store in-process.</summary>
    bool IsEmbedded { get; }

    Task<ProgrammeView> GetProgrammeAsync(CancellationToken cancellationToken);

    Task<GoalProgress> GetGoalProgressAsync(string goalId, CancellationToken cancellationToken);

    Task<ListGoalProgressResponse> ListGoalProgressAsync(CancellationToken cancellationToken);

    Task<ListObservationsResponse> ListObservationsAsync(string measureId, CancellationToken cancellationToken);

    Task<AlignmentReport> CheckAlignmentAsync(string asOf, CancellationToken cancellationToken);

    /// <summary>The host's plugins; null in embedded mode, where nothing supervises them.</summary>
    Task<ListPluginsResponse?> ListPluginsAsync(CancellationToken cancellationToken);

    /// <summary>Records observations in order, each acknowledged once durable; <paramref name="acknowledged"/> is told after each.</summary>
    Task<IReadOnlyList<ObservationAck>> ReportObservationsAsync(IReadOnlyList<Observation> observations, Action<ObservationAck> acknowledged, CancellationToken cancellationToken);
}
