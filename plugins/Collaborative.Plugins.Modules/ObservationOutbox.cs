using System.Globalization;
using System.Runtime.CompilerServices;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// Makes <c>CollectObservations</c> resumable. When a module's data changes it recomputes the monthly
/// aggregates the change touches, in the same transaction, and appends a row for every value that
/// differs from the one last published. Rows get a monotonically increasing sequence number, which
/// is the cursor: a host that resumes from the last cursor it stored, after either side restarted,
/// gets every later row exactly once. Observation ids are "measure:period:revision", so a re-sent
/// row is recognisably the same observation and a revised month is recognisably newer.
/// </summary>
public sealed class ObservationOutbox(ModuleDatabase database, string source, IMonthlyMeasures measures, UkClock clock)
{
    public const int DefaultBatch = 500;
    public const int MaxBatch = 5000;

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS observation_outbox (
            sequence       INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused, so a cursor never skips a row
            observation_id TEXT NOT NULL UNIQUE,
            measure_id     TEXT NOT NULL,
            period         TEXT NOT NULL,
            value          REAL NOT NULL,
            numerator      REAL,
            denominator    REAL,
            recorded_at    TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS published_measure (
            measure_id  TEXT NOT NULL,
            period      TEXT NOT NULL,
            revision    INTEGER NOT NULL,
            value       REAL NOT NULL,
            numerator   REAL,
            denominator REAL,
            PRIMARY KEY (measure_id, period));
        CREATE TABLE IF NOT EXISTS outbox_state (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        """;

    private const string LastMonthKey = "last_month";
    private const string ReportingFromKey = "reporting_from";

    /// <summary>
    /// Recomputes every month from <paramref name="from"/> (or the first month with data, if later)
    /// through the current month and appends the values that changed. Call it inside the write that
    /// changed the data, so the data and its observations commit together. Returns rows appended.
    /// </summary>
    public int Republish(StoreSession session, MonthlyPeriod from)
    {
        if (measures.FirstMonthWithData(session) is not { } first)
        {
            return 0;
        }

        if (MonthlyPeriod.TryParse(State(session, ReportingFromKey), out var floor) && floor > first)
        {
            first = floor;
        }

        var current = clock.CurrentMonth;
        var appended = 0;
        foreach (var month in (from > first ? from : first).Through(current))
        {
            foreach (var value in measures.Compute(session, month))
            {
                appended += Publish(session, value) ? 1 : 0;
            }
        }

        if (State(session, LastMonthKey) != current.ToString())
        {
            // Only when it changes: the host collects every few seconds, and an unchanged store should cost no write.
            SetState(session, LastMonthKey, current.ToString());
        }

        return appended;
    }

    /// <summary>
    /// Reports no month before <paramref name="month"/>: demo history starts there, though some of its
    /// people joined earlier, and a partial picture of those earlier months would mislead.
    /// </summary>
    public void ReportFrom(StoreSession session, MonthlyPeriod month) => SetState(session, ReportingFromKey, month.ToString());

    /// <summary>
    /// Publishes the months since the last publication (a new month starts with no change to the data,
    /// and the register's size at its end still has to be reported). Cheap when nothing changed.
    /// </summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(session =>
        {
            var last = State(session, LastMonthKey);
            var from = MonthlyPeriod.TryParse(last, out var month) ? month : clock.CurrentMonth;
            return Republish(session, from);
        }, cancellationToken);

    /// <summary>Observations after <paramref name="cursor"/>, oldest first, in batches that each carry the cursor after them.</summary>
    public async IAsyncEnumerable<ObservationBatch> CollectAsync(string cursor, int maxBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = ParseCursor(cursor);
        await CatchUpAsync(cancellationToken);
        var limit = maxBatch <= 0 ? DefaultBatch : Math.Min(maxBatch, MaxBatch);
        while (!cancellationToken.IsCancellationRequested)
        {
            List<(long Sequence, Observation Observation)> rows;
            using (var session = database.Read())
            {
                rows = session.Query(
                    """
                    SELECT sequence, observation_id, measure_id, period, value, numerator, denominator, recorded_at
                    FROM observation_outbox WHERE sequence > $after ORDER BY sequence LIMIT $limit
                    """,
                    r => (r.GetInt64(0), ToObservation(r)),
                    ("$after", after), ("$limit", limit));
            }

            if (rows.Count == 0)
            {
                yield break;
            }

            after = rows[^1].Sequence;
            var batch = new ObservationBatch { Cursor = after.ToString(CultureInfo.InvariantCulture) };
            batch.Observations.AddRange(rows.Select(r => r.Observation));
            yield return batch;
            if (rows.Count < limit)
            {
                yield break;
            }
        }
    }

    /// <summary>Empty means from the beginning; otherwise a sequence number this outbox issued.</summary>
    internal static long ParseCursor(string cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"cursor: '{cursor}' is not a cursor this module issued (they are sequence numbers); send the cursor of the last batch you stored, or empty to start over."));
    }

    private static string? State(StoreSession session, string key) =>
        session.Scalar<string>("SELECT value FROM outbox_state WHERE key = $key", ("$key", key));

    private static void SetState(StoreSession session, string key, string value) =>
        session.Execute(
            "INSERT INTO outbox_state(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key), ("$value", value));

    private bool Publish(StoreSession session, MeasureValue value)
    {
        var previous = session.Query(
            "SELECT revision, value, numerator, denominator FROM published_measure WHERE measure_id = $measure AND period = $period",
            r => (Revision: r.GetInt64(0), Value: r.GetDouble(1), Numerator: r.IsDBNull(2) ? (double?)null : r.GetDouble(2), Denominator: r.IsDBNull(3) ? (double?)null : r.GetDouble(3)),
            ("$measure", value.MeasureId), ("$period", value.Period)).SingleOrDefault();
        if (previous.Revision > 0 && previous.Value.Equals(value.Value) && previous.Numerator.Equals(value.Numerator) && previous.Denominator.Equals(value.Denominator))
        {
            return false;
        }

        var revision = previous.Revision + 1;
        session.Execute(
            """
            INSERT INTO published_measure(measure_id, period, revision, value, numerator, denominator)
            VALUES ($measure, $period, $revision, $value, $numerator, $denominator)
            ON CONFLICT(measure_id, period) DO UPDATE SET revision = excluded.revision, value = excluded.value,
                numerator = excluded.numerator, denominator = excluded.denominator
            """,
            ("$measure", value.MeasureId), ("$period", value.Period), ("$revision", revision),
            ("$value", value.Value), ("$numerator", value.Numerator), ("$denominator", value.Denominator));
        session.Execute(
            """
            INSERT INTO observation_outbox(observation_id, measure_id, period, value, numerator, denominator, recorded_at)
            VALUES ($id, $measure, $period, $value, $numerator, $denominator, $at)
            """,
            ("$id", $"{value.MeasureId}:{value.Period}:{revision}"), ("$measure", value.MeasureId), ("$period", value.Period),
            ("$value", value.Value), ("$numerator", value.Numerator), ("$denominator", value.Denominator), ("$at", clock.UtcNow));
        return true;
    }

    private Observation ToObservation(Microsoft.Data.Sqlite.SqliteDataReader row)
    {
        var observation = new Observation
        {
            Id = row.GetString(1),
            MeasureId = row.GetString(2),
            Period = row.GetString(3),
            Value = row.GetDouble(4),
            Source = source,
            RecordedAt = Timestamp.FromDateTime(DateTime.Parse(row.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
        };
        if (!row.IsDBNull(5))
        {
            observation.Numerator = row.GetDouble(5);
        }

        if (!row.IsDBNull(6))
        {
            observation.Denominator = row.GetDouble(6);
        }

        return observation;
    }
}
