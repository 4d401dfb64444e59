namespace Collaborative.Host.Plugins;

/// <summary>A snapshot of one plugin for the CLI, dashboard and health: state, breaker, restarts, last data.</summary>
public sealed record PluginStatus(
    string Id,
    string Name,
    string PartnerOrganisation,
    bool Remote,
    PluginState State,
    string BreakerState,
    int Restarts,
    string? LastError,
    DateTimeOffset? LastHealthyAt,
    DateTimeOffset? LastObservationAt,
    long ObservationsCollected,
    int? ProcessId,
    string? Address);
