namespace Collaborative.Grains;

/// <summary>The default grain storage (named <c>"Default"</c>), bound from <c>Grains:Storage</c>, e.g. environment
/// variables <c>Grains__Storage__Provider=PostgreSql</c> and <c>Grains__Storage__ConnectionString=...</c>.</summary>
public sealed class GrainStorageOptions
{
    /// <summary>The embedded default provider.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Shared by several hosts.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>In-process, lost on exit: for tests only.</summary>
    public const string Memory = "Memory";

    /// <summary>One of <see cref="Sqlite"/>, <see cref="PostgreSql"/>, <see cref="Memory"/> (case-insensitive). Default <see cref="Sqlite"/>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Provider connection string. Default for SQLite: <c>Data Source=grains.db</c>, relative to the content
    /// root; required for PostgreSQL (e.g. <c>Host=127.0.0.1;Port=5432;Username=collab;Database=collaborative</c>).</summary>
    public string? ConnectionString { get; set; }
}
