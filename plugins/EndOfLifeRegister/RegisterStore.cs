using System.Globalization;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Collaborative.Plugins.Modules;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// The register's records, their preference history and their audit trail, in the module's own SQLite
/// file. A record is kept whole as its protobuf message (so SCCI1580 fields evolve by field number);
/// the columns beside it are only what the aggregates query. Every read and change writes an audit
/// entry in the same transaction as the change itself, and republishes the months it affects.
/// </summary>
internal sealed class RegisterStore(ModuleDatabase database, ObservationOutbox outbox, UkClock clock)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS register_record (
            record_id            TEXT PRIMARY KEY,
            nhs_number           TEXT NOT NULL UNIQUE,   -- ten digits, no spaces
            registered_on        TEXT NOT NULL,
            consent_withdrawn_on TEXT,
            died_on              TEXT,
            place_of_death       INTEGER,
            body                 BLOB NOT NULL);         -- RegisterRecord (alerts are computed, not stored)
        CREATE TABLE IF NOT EXISTS preference_history (
            sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id     TEXT NOT NULL REFERENCES register_record(record_id),
            effective_on  TEXT NOT NULL,
            first_choice  INTEGER NOT NULL,
            second_choice INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS preference_history_by_record ON preference_history(record_id, effective_on);
        CREATE TABLE IF NOT EXISTS audit_entry (
            sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
            at        TEXT NOT NULL,
            staff_id  TEXT NOT NULL,
            action    TEXT NOT NULL,
            record_id TEXT,
            detail    TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_entry_by_record ON audit_entry(record_id, sequence);
        """;

    public Task<RegisterRecord> RegisterAsync(RegisterRecord record, string staff, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var nhs = Digits(record.Person.NhsNumber);
            if (session.Scalar<string>("SELECT record_id FROM register_record WHERE nhs_number = $nhs", ("$nhs", nhs)) is { } existing)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"person.nhs_number: {record.Person.NhsNumber} is already on the register as {existing}; read and update that record instead."));
            }

            var now = Timestamp.FromDateTimeOffset(clock.UtcNow);
            record.RecordId = NextRecordId(session);
            record.CreatedAt = now;
            record.AmendedAt = now;
            Insert(session, record);
            Audit(session, staff, "record.registered", record.RecordId, $"registered on {record.RegisteredOn}; {Describe(record.Preferences)}; consent {RequestField.ProtoName(record.Consent.Basis)}");
            outbox.Republish(session, MonthlyPeriod.Of(Date(record.RegisteredOn)));
            return WithAlerts(record);
        }, cancellationToken);

    /// <summary>
    /// Loads a record, lets <paramref name="change"/> alter it (it returns the audit detail, or throws
    /// to refuse), saves it, audits it and republishes every month the change can affect.
    /// </summary>
    public Task<RegisterRecord> ChangeAsync(string recordId, string staff, string action, Func<RegisterRecord, string> change, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var before = Load(session, recordId)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"record_id: no record '{recordId}' on the register; find it with GetRecord by NHS number."));
            var after = before.Clone();
            var detail = change(after);
            after.AmendedAt = Timestamp.FromDateTimeOffset(clock.UtcNow);
            var today = clock.Today;
            Save(session, after);
            if (!Equals(before.Preferences, after.Preferences))
            {
                AddPreference(session, after.RecordId, today, after.Preferences);
            }

            Audit(session, staff, action, after.RecordId, detail);
            outbox.Republish(session, AffectedFrom(before, after, today));
            return WithAlerts(after);
        }, cancellationToken);

    /// <summary>One record by id or NHS number; the view is audited, and so is a lookup that finds nobody.</summary>
    public async Task<RegisterRecord> ReadAsync(string? recordId, NhsNumber? nhsNumber, string staff, CancellationToken cancellationToken)
    {
        var key = recordId is not null ? $"record id {recordId}" : $"NHS number {nhsNumber}";
        var found = await database.WriteAsync(session =>
        {
            var id = recordId ?? session.Scalar<string>("SELECT record_id FROM register_record WHERE nhs_number = $nhs", ("$nhs", nhsNumber!.Value.Digits));
            var record = id is null ? null : Load(session, id);
            // Committed either way: a look-up that finds nobody is still someone looking.
            Audit(session, staff, record is null ? "record.not-found" : "record.read", record?.RecordId, record is null ? $"looked up by {key}; no record" : $"viewed by {key}");
            return record;
        }, cancellationToken);
        return found is null
            ? throw new RpcException(new Status(StatusCode.NotFound, $"No record on the register for {key}."))
            : WithAlerts(found);
    }

    /// <summary>The audit trail of one record, oldest first; this view of it is audited too (and included).</summary>
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string recordId, string staff, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<AuditEntry>>(session =>
        {
            if (session.Scalar<long>("SELECT COUNT(*) FROM register_record WHERE record_id = $id", ("$id", recordId)) == 0)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"record_id: no record '{recordId}' on the register."));
            }

            Audit(session, staff, "audit.read", recordId, "viewed the audit trail");
            return session.Query(
                "SELECT sequence, at, staff_id, action, record_id, detail FROM audit_entry WHERE record_id = $id ORDER BY sequence",
                r => new AuditEntry
                {
                    Sequence = r.GetInt64(0),
                    At = Timestamp.FromDateTime(DateTime.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
                    StaffId = r.GetString(2),
                    Action = r.GetString(3),
                    RecordId = r.GetString(4),
                    Detail = r.GetString(5),
                },
                ("$id", recordId));
        }, cancellationToken);

    /// <summary>Adds a whole record, with its first preference and its registration audit; used by registration and the demo seed.</summary>
    internal static void Insert(StoreSession session, RegisterRecord record)
    {
        session.Execute(
            "INSERT INTO register_record(record_id, nhs_number, registered_on, body) VALUES ($id, $nhs, $registered, $body)",
            ("$id", record.RecordId), ("$nhs", Digits(record.Person.NhsNumber)), ("$registered", record.RegisteredOn), ("$body", Array.Empty<byte>()));
        Save(session, record);
        AddPreference(session, record.RecordId, Date(record.RegisteredOn), record.Preferences);
    }

    internal static void Save(StoreSession session, RegisterRecord record)
    {
        var stored = record.Clone();
        stored.Alerts.Clear();
        session.Execute(
            """
            UPDATE register_record SET consent_withdrawn_on = $withdrawn, died_on = $died, place_of_death = $place, body = $body
            WHERE record_id = $id
            """,
            ("$id", record.RecordId),
            ("$withdrawn", record.Consent is { Withdrawn: true } c ? c.WithdrawnOn : null),
            ("$died", record.Death?.DateOfDeath),
            ("$place", record.Death is { } d ? (int)d.Place : null),
            ("$body", stored.ToByteArray()));
    }

    internal static void AddPreference(StoreSession session, string recordId, DateOnly effectiveOn, PlacePreferences? preferences) =>
        session.Execute(
            "INSERT INTO preference_history(record_id, effective_on, first_choice, second_choice) VALUES ($id, $on, $first, $second)",
            ("$id", recordId), ("$on", effectiveOn), ("$first", (int)(preferences?.FirstChoice ?? PlaceOfDeath.Unspecified)),
            ("$second", (int)(preferences?.SecondChoice ?? PlaceOfDeath.Unspecified)));

    internal static void Audit(StoreSession session, string staff, string action, string? recordId, string detail, DateTimeOffset? at = null) =>
        session.Execute(
            "INSERT INTO audit_entry(at, staff_id, action, record_id, detail) VALUES ($at, $staff, $action, $id, $detail)",
            ("$at", at ?? DateTimeOffset.UtcNow), ("$staff", staff), ("$action", action), ("$id", recordId), ("$detail", detail));

    internal static string NextRecordId(StoreSession session) =>
        $"EOL-{session.Scalar<long>("SELECT COALESCE(MAX(rowid), 0) + 1 FROM register_record"):D6}";

    internal static string Describe(PlacePreferences? preferences) =>
        $"preferred place 1st {Name(preferences?.FirstChoice)}, 2nd {Name(preferences?.SecondChoice)}";

    private static string Name(PlaceOfDeath? place) =>
        place is null or PlaceOfDeath.Unspecified ? "blank" : RequestField.ProtoName(place.Value);

    private static RegisterRecord? Load(StoreSession session, string recordId) =>
        session.Query("SELECT body FROM register_record WHERE record_id = $id", r => RegisterRecord.Parser.ParseFrom((byte[])r[0]), ("$id", recordId))
            .SingleOrDefault();

    private RegisterRecord WithAlerts(RegisterRecord record)
    {
        var shown = record.Clone();
        shown.Alerts.Clear();
        shown.Alerts.AddRange(RegisterAlerts.For(shown, clock.Today));
        return shown;
    }

    /// <summary>The earliest month whose aggregates the change can alter: withdrawal and death dates reach back.</summary>
    private static MonthlyPeriod AffectedFrom(RegisterRecord before, RegisterRecord after, DateOnly today)
    {
        var from = MonthlyPeriod.Of(today);
        foreach (var date in new[] { before.Consent?.WithdrawnOn, after.Consent?.WithdrawnOn, before.Death?.DateOfDeath, after.Death?.DateOfDeath })
        {
            if (!string.IsNullOrEmpty(date) && MonthlyPeriod.Of(Date(date)) is var month && month < from)
            {
                from = month;
            }
        }

        return from;
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Digits(string nhsNumber) => nhsNumber.Replace(" ", "", StringComparison.Ordinal);
}
