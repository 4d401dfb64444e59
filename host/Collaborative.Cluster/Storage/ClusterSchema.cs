using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collaborative.Cluster.Storage;

/// <summary>
/// Creates our tables and the queries Orleans' ADO.NET providers read by key from <c>OrleansQuery</c>. Runs on every
/// start and is idempotent; hosts starting at once serialise on a lock (SQLite: the write lock; PostgreSQL: an
/// advisory lock), so none fails on another's half-made schema.
/// </summary>
internal sealed class ClusterSchema(ClusterProvider provider, string connectionString)
{
    /// <summary>The advisory lock key ("collab" in ASCII): one schema change at a time per database.</summary>
    private const long PostgresLockKey = 0x636F6C6C6162;

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (provider == ClusterProvider.Localhost)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            // WAL lets grain reads run beside a write; it is a property of the file, so setting it once persists.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, Script("sqlite-storage.sql"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", cancellationToken);
            await ExecuteAsync(connection, transaction, Script("postgresql-storage.sql"), cancellationToken);
            await ExecuteAsync(connection, transaction, Script("postgresql-membership.sql"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Script(string name)
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream($"Collaborative.Cluster.Sql.{name}")
            ?? throw new InvalidOperationException($"The schema script {name} is not embedded in {typeof(ClusterSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
