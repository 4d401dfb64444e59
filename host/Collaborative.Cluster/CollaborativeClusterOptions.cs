namespace Collaborative.Cluster;

/// <summary>
/// The <c>Collaborative:Cluster</c> section: how this host's silo joins a cluster and where grain state lives.
/// Validated by <see cref="CollaborativeClusterOptionsValidator"/>; a bad value stops start-up naming the field.
/// </summary>
public sealed class CollaborativeClusterOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Collaborative:Cluster";

    /// <summary>Gets or sets the provider. Default: <see cref="ClusterProvider.Localhost"/>.</summary>
    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    /// <summary>
    /// Gets or sets the Npgsql connection string. Required for <see cref="ClusterProvider.PostgreSql"/>, unused for
    /// <see cref="ClusterProvider.Localhost"/> (its SQLite file lives in the data directory). Default: <see langword="null"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the cluster id: hosts with the same id form one cluster. Default: <c>collaborative</c>.</summary>
    public string ClusterId { get; set; } = "collaborative";

    /// <summary>
    /// Gets or sets the service id: it keys grain state, so it must stay the same across deployments of one programme.
    /// Default: <c>collaborative</c>.
    /// </summary>
    public string ServiceId { get; set; } = "collaborative";

    /// <summary>Gets or sets the port silos talk to each other on. Default: 11111 (Orleans' default).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the port Orleans clients connect to. Default: 30000 (Orleans' default).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Gets or sets the IP address other silos reach this one at (<see cref="ClusterProvider.PostgreSql"/> only).
    /// Default: <see langword="null"/>, Orleans picks this machine's first non-loopback address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Gets or sets the membership timings. Default: Orleans' defaults, listed on each property.</summary>
    public MembershipTimings Membership { get; set; } = new();
}
