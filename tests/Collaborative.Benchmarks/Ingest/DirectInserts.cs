using System.Data.Common;
using System.Diagnostics;
using Collaborative.Contracts.V1;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collaborative.Benchmarks.Ingest;

/// <summary>
/// The baseline: the same observations written straight to the same database, one committed transaction (one
/// multi-row INSERT) for each write the host makes (<see cref="IngestBenchmark.HostWrites"/>), with the durability the
/// grain storage has: SQLite in WAL mode at the connection's default synchronous level (FULL) in the host's own
/// file, PostgreSQL with fsync and synchronous_commit on (the server's defaults, which tests/postgres.sh keeps).
/// </summary>
internal static class DirectInserts
{
    private const string Table = "bench_direct_observation";

    /// <summary>The SQLite file's synchronous level, as a new connection to it has it (what the grain storage's connections have).</summary>
    public static async Task<string> SqliteSynchronousAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        var journal = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA synchronous;";
        var level = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return $"journal_mode={journal}, synchronous={level switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => level.ToString(System.Globalization.CultureInfo.InvariantCulture) }}";
    }

    /// <summary>How many durable writes the measure grains made: each write bumps its row's version by one.</summary>
    public static Task<long> SqliteMeasureWritesAsync(string file) =>
        MeasureWritesAsync(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file }.ToString()));

    public static Task<long> PostgresMeasureWritesAsync(string connectionString) => MeasureWritesAsync(new NpgsqlConnection(connectionString));

    private static async Task<long> MeasureWritesAsync(DbConnection connection)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(version), 0) FROM collab_grain_state WHERE state_name = 'measure';";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static Task<double> SqliteAsync(string file, IReadOnlyList<IReadOnlyList<Observation>> writes) =>
        TimeAsync(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString()), writes);

    public static Task<double> PostgresAsync(string connectionString, IReadOnlyList<IReadOnlyList<Observation>> writes) =>
        TimeAsync(new NpgsqlConnection(connectionString), writes);

    private static async Task<double> TimeAsync(DbConnection connection, IReadOnlyList<IReadOnlyList<Observation>> writes)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id TEXT PRIMARY KEY, measure_id TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, source TEXT NOT NULL);");
            var watch = Stopwatch.StartNew();
            foreach (var write in writes)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                var rows = new List<string>(write.Count);
                for (var i = 0; i < write.Count; i++)
                {
                    rows.Add($"(@i{i}, @m{i}, @p{i}, @v{i}, @s{i})");
                    Add(insert, $"@i{i}", write[i].Id);
                    Add(insert, $"@m{i}", write[i].MeasureId);
                    Add(insert, $"@p{i}", write[i].Period);
                    Add(insert, $"@v{i}", write[i].Value);
                    Add(insert, $"@s{i}", write[i].Source);
                }

                insert.CommandText = $"INSERT INTO {Table} (id, measure_id, period, value, source) VALUES {string.Join(", ", rows)};";
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }

            var seconds = watch.Elapsed.TotalSeconds;
            await ExecuteAsync(connection, null, $"DROP TABLE {Table};");
            return seconds;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
