using System.Globalization;
using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>The Gold Line's calls in its own SQLite file. Logging a call republishes the month it started in.</summary>
internal sealed class CallLog(ModuleDatabase database, ObservationOutbox outbox, UkClock clock)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS call (
            call_id            TEXT PRIMARY KEY,
            started_at         TEXT NOT NULL,     -- UTC instant
            month              TEXT NOT NULL,     -- UK-local month it started in, YYYY-MM
            caller             INTEGER NOT NULL,
            channel            INTEGER NOT NULL,
            reason             INTEGER NOT NULL,
            reason_detail      TEXT NOT NULL,
            outcome            INTEGER NOT NULL,
            duration_seconds   INTEGER NOT NULL,
            nurse              TEXT NOT NULL,
            patient_nhs_number TEXT,              -- ten digits, or NULL for a general enquiry
            out_of_hours       INTEGER NOT NULL,
            logged_by          TEXT NOT NULL,
            logged_at          TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS call_by_month ON call(month, started_at);
        """;

    public Task<GoldLineCall> LogAsync(GoldLineCall call, string staff, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            call.CallId = $"GL-{session.Scalar<long>("SELECT COALESCE(MAX(rowid), 0) + 1 FROM call"):D7}";
            Insert(session, call, staff, clock.UtcNow);
            outbox.Republish(session, MonthOf(call));
            return call;
        }, cancellationToken);

    public IReadOnlyList<GoldLineCall> InMonth(MonthlyPeriod month)
    {
        using var session = database.Read();
        return session.Query(
            """
            SELECT call_id, started_at, caller, channel, reason, reason_detail, outcome, duration_seconds, nurse, patient_nhs_number, out_of_hours
            FROM call WHERE month = $month ORDER BY started_at, call_id
            """,
            r => new GoldLineCall
            {
                CallId = r.GetString(0),
                StartedAt = Timestamp.FromDateTime(DateTime.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
                Caller = (CallerKind)r.GetInt32(2),
                Channel = (CallChannel)r.GetInt32(3),
                Reason = (CallReason)r.GetInt32(4),
                ReasonDetail = r.GetString(5),
                Outcome = (CallOutcome)r.GetInt32(6),
                DurationSeconds = r.GetInt32(7),
                Nurse = r.GetString(8),
                PatientNhsNumber = r.IsDBNull(9) ? "" : NhsNumber.TryParse(r.GetString(9), out var n, out _) ? n.ToString() : r.GetString(9),
                OutOfHours = r.GetInt64(10) != 0,
            },
            ("$month", month));
    }

    /// <summary>Adds one validated call (its id set); used by LogCall and the demo seed.</summary>
    internal static void Insert(StoreSession session, GoldLineCall call, string staff, DateTimeOffset loggedAt)
    {
        var started = call.StartedAt.ToDateTimeOffset();
        call.OutOfHours = OutOfHours.Includes(started);
        session.Execute(
            """
            INSERT INTO call(call_id, started_at, month, caller, channel, reason, reason_detail, outcome, duration_seconds, nurse,
                             patient_nhs_number, out_of_hours, logged_by, logged_at)
            VALUES ($id, $started, $month, $caller, $channel, $reason, $detail, $outcome, $duration, $nurse, $patient, $ooh, $by, $at)
            """,
            ("$id", call.CallId), ("$started", started), ("$month", MonthOf(call)), ("$caller", call.Caller), ("$channel", call.Channel),
            ("$reason", call.Reason), ("$detail", call.ReasonDetail), ("$outcome", call.Outcome), ("$duration", call.DurationSeconds),
            ("$nurse", call.Nurse), ("$patient", call.PatientNhsNumber.Length == 0 ? null : call.PatientNhsNumber.Replace(" ", "", StringComparison.Ordinal)),
            ("$ooh", call.OutOfHours), ("$by", staff), ("$at", loggedAt));
    }

    internal static MonthlyPeriod MonthOf(GoldLineCall call) =>
        MonthlyPeriod.Of(DateOnly.FromDateTime(UkClock.ToLocal(call.StartedAt.ToDateTimeOffset()).DateTime));
}
