namespace Collaborative.Cluster;

/// <summary>
/// How quickly the cluster declares a silo dead. Orleans' defaults suit production (a killed host's grains answer
/// again from a survivor after 16–20 s); tests shorten them (ProbeTimeout 1 s, NumMissedProbesLimit 2,
/// TableRefreshTimeout 2 s, IAmAliveTablePublishTimeout 5 s: after 1.0–2.5 s with three hosts).
/// </summary>
public sealed class MembershipTimings
{
    /// <summary>Gets or sets how long a probe may take before it counts as missed. Default: 5 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many missed probes make a silo suspect. Default: 3.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Gets or sets how often each silo re-reads the membership table. Default: 60 seconds.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often each silo writes its "I am alive" time. Default: 30 seconds.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many suspicions declare a silo dead. Default: 2.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>Gets or sets how long a suspicion counts. Default: 2 minutes.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
