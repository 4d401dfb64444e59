namespace Collaborative.Cluster;

/// <summary>Where the silos of one deployment find each other and keep grain state.</summary>
public enum ClusterProvider
{
    /// <summary>One host: localhost clustering, grain state in SQLite in the data directory. Nothing to install.</summary>
    Localhost,

    /// <summary>Several hosts: membership and grain state in one PostgreSQL database.</summary>
    PostgreSql,
}
