using Microsoft.Data.Sqlite;

namespace Collaborative.Grains.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed write survives power
/// loss; created with its table on first use. One connection, one operation at a time: SQLite has a single writer
/// anyway, and this keeps busy/locked errors between our own connections impossible.
/// </summary>
internal sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=FULL;
        PRAGMA busy_timeout=5000;
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            data BLOB NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
        """;

    private const string Key = "grain_type = $type AND grain_key = $key AND state_name = $name";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    public SqliteGrainStorage(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } path && path != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }

        FilePath = builder.DataSource;
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        using (var schema = _connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        _read = Prepare($"SELECT data, version FROM grain_state WHERE {Key}");
        _insert = Prepare("INSERT INTO grain_state (grain_type, grain_key, state_name, data, version) VALUES ($type, $key, $name, $data, 1) ON CONFLICT DO NOTHING", "$data");
        _update = Prepare($"UPDATE grain_state SET data = $data, version = version + 1 WHERE {Key} AND version = $version", "$data", "$version");
    }

    internal string FilePath { get; }

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (data, version) = ReadLocked(grainId, stateName);
            return version is { } v ? new GrainStateRecord(data, StorageConflicts.Etag(v)) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken) =>
        (await StoreAsync(grainId, stateName, data.ToArray(), etag, cancellationToken).ConfigureAwait(false))!;

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken) =>
        StoreAsync(grainId, stateName, data: null, etag, cancellationToken);

    public void Dispose()
    {
        _read.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task<string?> StoreAsync(GrainId grainId, string stateName, byte[]? data, string? etag, CancellationToken cancellationToken)
    {
        var expected = StorageConflicts.ParseEtag(grainId, stateName, etag);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Each statement is its own transaction; with WAL + synchronous=FULL it is durable when it returns.
            int changed;
            if (expected is { } version)
            {
                Bind(_update, grainId, stateName);
                _update.Parameters["$data"].Value = (object?)data ?? DBNull.Value;
                _update.Parameters["$version"].Value = version;
                changed = _update.ExecuteNonQuery();
            }
            else if (data is null)
            {
                var (_, stored) = ReadLocked(grainId, stateName);
                return stored is null ? null : throw StorageConflicts.Conflict(grainId, stateName, stored, etag);
            }
            else
            {
                Bind(_insert, grainId, stateName);
                _insert.Parameters["$data"].Value = data;
                changed = _insert.ExecuteNonQuery();
            }

            if (changed == 0)
            {
                throw StorageConflicts.Conflict(grainId, stateName, ReadLocked(grainId, stateName).Version, etag);
            }

            return StorageConflicts.Etag((expected ?? 0) + 1);
        }
        finally
        {
            _gate.Release();
        }
    }

    private (byte[]? Data, long? Version) ReadLocked(GrainId grainId, string stateName)
    {
        Bind(_read, grainId, stateName);
        using var reader = _read.ExecuteReader();
        if (!reader.Read())
        {
            return (null, null);
        }

        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt64(1));
    }

    private static void Bind(SqliteCommand command, GrainId grainId, string stateName)
    {
        command.Parameters["$type"].Value = grainId.Type;
        command.Parameters["$key"].Value = grainId.Key;
        command.Parameters["$name"].Value = stateName;
    }

    private SqliteCommand Prepare(string sql, params string[] extraParameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$type", "$key", "$name" }.Concat(extraParameters))
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
