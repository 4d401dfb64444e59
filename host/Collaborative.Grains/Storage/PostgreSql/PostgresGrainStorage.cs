using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Collaborative.Grains.Storage.PostgreSql;

/// <summary>
/// State in PostgreSQL, shared by several hosts. Every write is a compare-and-set on a version column; a successful
/// write also sends <c>NOTIFY</c> (in the same statement, delivered on commit) so the other hosts drop their now stale
/// activation of that grain. CAS keeps writes correct even if a notification is late; the notification keeps reads fresh.
/// </summary>
internal sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    internal const string Channel = "collab_grain_state";

    // Any constant works; it serializes CREATE TABLE between hosts starting at the same moment.
    private const long SchemaLockKey = 0x636F6C6C6162;

    // PostgreSQL rejects NOTIFY payloads of 8000 bytes or more; longer keys skip the notification (CAS still holds).
    private const int MaxPayloadLength = 7900;

    private const string Key = "grain_type = @type AND grain_key = @key AND state_name = @name";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            state_name text NOT NULL,
            data bytea NULL,
            version bigint NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name))
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Action<GrainId>? _onChangedElsewhere;
    private readonly Action? _onNotificationsMissed;
    private readonly ILogger _logger;
    private readonly string _hostId;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private volatile bool _initialized;
    private Task? _listening;

    /// <param name="connectionString">Npgsql connection string.</param>
    /// <param name="hostId">Identifies this host's notifications, so it ignores its own (one id per runtime: two
    /// storages of one host must not drop each other's fresh activations).</param>
    /// <param name="onChangedElsewhere">Called with a grain whose state another host changed; null: do not listen.</param>
    /// <param name="onNotificationsMissed">Called after the listening connection was lost and re-established.</param>
    /// <param name="logger">For connection trouble.</param>
    public PostgresGrainStorage(string connectionString, string hostId, Action<GrainId>? onChangedElsewhere, Action? onNotificationsMissed, ILogger logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _hostId = hostId;
        _onChangedElsewhere = onChangedElsewhere;
        _onNotificationsMissed = onNotificationsMissed;
        _logger = logger;
    }

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT data, version FROM grain_state WHERE {Key}");
        Bind(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var data = await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false) ? null : reader.GetFieldValue<byte[]>(0);
        return new GrainStateRecord(data, StorageConflicts.Etag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
    {
        var bytes = MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
        return (await StoreAsync(grainId, stateName, bytes, etag, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken) =>
        StoreAsync(grainId, stateName, data: null, etag, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (_listening is not null)
        {
            try
            {
                await _listening.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped while reconnecting
            }
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initialization.Dispose();
        _disposing.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<string?> StoreAsync(GrainId grainId, string stateName, byte[]? data, string? etag, CancellationToken cancellationToken)
    {
        var expected = StorageConflicts.ParseEtag(grainId, stateName, etag);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        if (expected is null && data is null)
        {
            var current = await ReadVersionAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
            return current is null ? null : throw StorageConflicts.Conflict(grainId, stateName, current, etag);
        }

        var payload = $"{_hostId}|{grainId.Type}|{grainId.Key}";
        var notify = payload.Length <= MaxPayloadLength;
        var change = expected is null
            ? "INSERT INTO grain_state (grain_type, grain_key, state_name, data, version) VALUES (@type, @key, @name, @data, 1) ON CONFLICT DO NOTHING RETURNING version"
            : $"UPDATE grain_state SET data = @data, version = version + 1 WHERE {Key} AND version = @version RETURNING version";

        // One autocommit statement: the change and its notification commit together (synchronous_commit makes the
        // commit durable before the reply), and the notification is only sent if the compare-and-set matched.
        await using var command = _dataSource.CreateCommand(notify
            ? $"WITH changed AS ({change}) SELECT version, pg_notify(@channel, @payload) FROM changed"
            : $"WITH changed AS ({change}) SELECT version FROM changed");
        Bind(command, grainId, stateName);
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("data", NpgsqlDbType.Bytea) { TypedValue = data });
        if (expected is { } version)
        {
            command.Parameters.Add(new NpgsqlParameter<long>("version", version));
        }

        if (notify)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("channel", Channel));
            command.Parameters.Add(new NpgsqlParameter<string>("payload", payload));
        }

        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (result is long stored)
        {
            return StorageConflicts.Etag(stored);
        }

        throw StorageConflicts.Conflict(grainId, stateName, await ReadVersionAsync(grainId, stateName, cancellationToken).ConfigureAwait(false), etag);
    }

    private async Task<long?> ReadVersionAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT version FROM grain_state WHERE {Key}");
        Bind(command, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    private static void Bind(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        command.Parameters.Add(new NpgsqlParameter<string>("name", stateName));
    }

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); {Schema}", connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            // Listen before the first read completes: a change committed after our read must reach us.
            if (_onChangedElsewhere is not null)
            {
                var listener = await ListenAsync(cancellationToken).ConfigureAwait(false);
                _listening = Task.Run(() => ReceiveNotificationsAsync(listener));
            }

            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.Notification += OnNotification;
        await using var command = new NpgsqlCommand($"LISTEN {Channel}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task ReceiveNotificationsAsync(NpgsqlConnection connection)
    {
        var stopping = _disposing.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await connection.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Lost the PostgreSQL notification connection; reconnecting.");
                await connection.DisposeAsync().ConfigureAwait(false);
                connection = await ReconnectAsync(stopping).ConfigureAwait(false);
            }
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> ReconnectAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
                var connection = await ListenAsync(stopping).ConfigureAwait(false);

                // Changes made while we were not listening went unannounced: forget every activation to be safe.
                _onNotificationsMissed?.Invoke();
                return connection;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Reconnecting the PostgreSQL notification connection failed; retrying.");
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var parts = e.Payload.Split('|', 3);
        if (parts.Length == 3 && parts[0] != _hostId)
        {
            _onChangedElsewhere!(new GrainId(parts[1], parts[2]));
        }
    }
}
