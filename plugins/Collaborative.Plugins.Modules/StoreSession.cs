using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Collaborative.Plugins.Modules;

/// <summary>One connection (and, for writes, one transaction) to a module's store.</summary>
public sealed class StoreSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    // Statements are prepared once per session: the demo seeds insert thousands of rows with one SQL text.
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal StoreSession(SqliteConnection connection, SqliteTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or default when there is no row or it is NULL.</summary>
    public T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    internal void Commit() => _transaction?.Commit();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _transaction?.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value switch
            {
                null => DBNull.Value,
                // Dates as ISO text: they sort and compare correctly as strings.
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                MonthlyPeriod month => month.ToString(),
                bool flag => flag ? 1 : 0,
                Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                _ => value,
            });
        }

        return command;
    }
}
