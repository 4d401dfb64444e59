using Microsoft.Data.Sqlite;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// A module's own SQLite store (one file in the data directory the host gives it). WAL so reads never
/// wait for a write; synchronous=FULL so a committed change survives power loss. Writes go through one
/// gate: the module is the store's only user, and one writer at a time keeps the observations outbox in
/// commit order.
/// </summary>
public sealed class ModuleDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private ModuleDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating when new) the store and applies <paramref name="schema"/> plus the outbox's tables.</summary>
    public static ModuleDatabase Open(string path, string schema)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var database = new ModuleDatabase(path);
        using var session = database.Read();
        // journal_mode is a property of the file: set once, it sticks.
        session.Execute("PRAGMA journal_mode=WAL;");
        session.Execute(schema);
        session.Execute(ObservationOutbox.Schema);
        return database;
    }

    /// <summary>A session for reading (no transaction: each statement sees committed data).</summary>
    public StoreSession Read()
    {
        var connection = Connect();
        return new StoreSession(connection, null);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<StoreSession, T> work, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Write(work);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private T Write<T>(Func<StoreSession, T> work)
    {
        var connection = Connect();
        using var session = new StoreSession(connection, connection.BeginTransaction());
        var result = work(session);
        session.Commit();
        return result;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // Per connection: FULL fsyncs the WAL on every commit (NORMAL could lose the last ones on power loss).
        pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
