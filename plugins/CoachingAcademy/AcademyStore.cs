using System.Globalization;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>Cohorts, microsystems, coaches, their active status over time and their assignments, in the academy's own SQLite file.</summary>
internal sealed class AcademyStore(ModuleDatabase database, ObservationOutbox outbox, UkClock clock)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS cohort (
            cohort_id TEXT PRIMARY KEY,
            name      TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on   TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS microsystem (
            microsystem_id TEXT PRIMARY KEY,
            name           TEXT NOT NULL,
            kind           INTEGER NOT NULL,
            organisation   TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS coach (
            coach_id            TEXT PRIMARY KEY,
            name                TEXT NOT NULL,
            cohort_id           TEXT NOT NULL REFERENCES cohort(cohort_id),
            home_microsystem_id TEXT NOT NULL REFERENCES microsystem(microsystem_id),
            enrolled_on         TEXT NOT NULL,
            trained_on          TEXT);
        CREATE TABLE IF NOT EXISTS coach_status (
            sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
            coach_id     TEXT NOT NULL REFERENCES coach(coach_id),
            effective_on TEXT NOT NULL,
            active       INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS coach_status_by_coach ON coach_status(coach_id, effective_on);
        CREATE TABLE IF NOT EXISTS assignment (
            assignment_id  TEXT PRIMARY KEY,
            coach_id       TEXT NOT NULL REFERENCES coach(coach_id),
            microsystem_id TEXT NOT NULL REFERENCES microsystem(microsystem_id),
            starts_on      TEXT NOT NULL,
            assigned_by    TEXT NOT NULL);
        """;

    public Task<Cohort> CreateCohortAsync(Cohort cohort, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            cohort.CohortId = $"cohort-{NextNumber(session, "cohort")}";
            InsertCohort(session, cohort);
            outbox.Republish(session, MonthlyPeriod.Of(Date(cohort.StartsOn)));
            return cohort;
        }, cancellationToken);

    public Task<Microsystem> AddMicrosystemAsync(Microsystem microsystem, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            microsystem.MicrosystemId = $"ms-{NextNumber(session, "microsystem"):D3}";
            InsertMicrosystem(session, microsystem);
            return microsystem;
        }, cancellationToken);

    public Task<Coach> EnrolCoachAsync(string name, string cohortId, string homeMicrosystemId, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var startsOn = session.Scalar<string>("SELECT starts_on FROM cohort WHERE cohort_id = $id", ("$id", cohortId))
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"cohort_id: no cohort '{cohortId}'; create it first with CreateCohort."));
            RequireMicrosystem(session, homeMicrosystemId, "home_microsystem_id");
            var coach = new Coach { CoachId = $"coach-{NextNumber(session, "coach"):D3}", Name = name, CohortId = cohortId, HomeMicrosystemId = homeMicrosystemId };
            InsertCoach(session, coach, Date(startsOn));
            outbox.Republish(session, MonthlyPeriod.Of(Date(startsOn)));
            return Load(session, coach.CoachId, clock.Today)!;
        }, cancellationToken);

    public Task<Coach> RecordTrainingCompletedAsync(string coachId, DateOnly completedOn, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var coach = RequireCoach(session, coachId);
            var enrolled = Date(session.Scalar<string>("SELECT enrolled_on FROM coach WHERE coach_id = $id", ("$id", coachId))!);
            if (completedOn < enrolled)
            {
                throw RequestField.Invalid("completed_on", $"{RequestField.Format(completedOn)} is before the coach's course started ({RequestField.Format(enrolled)})");
            }

            session.Execute("UPDATE coach SET trained_on = $on WHERE coach_id = $id", ("$id", coachId), ("$on", completedOn));
            var from = MonthlyPeriod.Of(completedOn);
            if (coach.TrainedOn.Length > 0 && MonthlyPeriod.Of(Date(coach.TrainedOn)) < from)
            {
                from = MonthlyPeriod.Of(Date(coach.TrainedOn));
            }

            outbox.Republish(session, from);
            return Load(session, coachId, clock.Today)!;
        }, cancellationToken);

    public Task<Coach> SetActiveAsync(string coachId, bool active, DateOnly asOf, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            RequireCoach(session, coachId);
            var enrolled = Date(session.Scalar<string>("SELECT enrolled_on FROM coach WHERE coach_id = $id", ("$id", coachId))!);
            if (asOf < enrolled)
            {
                throw RequestField.Invalid("as_of", $"{RequestField.Format(asOf)} is before the coach enrolled ({RequestField.Format(enrolled)})");
            }

            AddStatus(session, coachId, asOf, active);
            outbox.Republish(session, MonthlyPeriod.Of(asOf));
            return Load(session, coachId, clock.Today)!;
        }, cancellationToken);

    public Task<CoachingAssignment> AssignAsync(string coachId, string microsystemId, DateOnly startsOn, string staff, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var coach = RequireCoach(session, coachId);
            RequireMicrosystem(session, microsystemId, "microsystem_id");
            if (session.Scalar<string>("SELECT assignment_id FROM assignment WHERE coach_id = $coach AND microsystem_id = $ms", ("$coach", coachId), ("$ms", microsystemId)) is { } existing)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"{coachId} already coaches {microsystemId} ({existing})."));
            }

            var assignment = new CoachingAssignment
            {
                AssignmentId = $"asg-{NextNumber(session, "assignment"):D4}",
                CoachId = coachId,
                MicrosystemId = microsystemId,
                StartsOn = RequestField.Format(startsOn),
            };
            InsertAssignment(session, assignment, staff);
            if (coach.HomeMicrosystemId == microsystemId)
            {
                assignment.Warnings.Add($"{coachId} works in {microsystemId}: a coach should not coach their own microsystem. Recorded, and reported as an alignment finding until another coach takes the team on.");
            }

            outbox.Republish(session, MonthlyPeriod.Of(startsOn));
            return assignment;
        }, cancellationToken);

    public IReadOnlyList<Coach> Coaches()
    {
        using var session = database.Read();
        var today = clock.Today;
        return session.Query("SELECT coach_id FROM coach ORDER BY coach_id", r => r.GetString(0))
            .Select(id => Load(session, id, today)!)
            .ToList();
    }

    /// <summary>Assignments of coaches, still active today, to the microsystem they work in.</summary>
    public IReadOnlyList<OwnMicrosystemAssignment> OwnMicrosystemAssignments()
    {
        using var session = database.Read();
        return session.Query(
            """
            SELECT a.assignment_id, a.coach_id, m.name, m.organisation, a.starts_on
            FROM assignment a JOIN coach c ON c.coach_id = a.coach_id JOIN microsystem m ON m.microsystem_id = a.microsystem_id
            WHERE a.microsystem_id = c.home_microsystem_id
              AND COALESCE((SELECT s.active FROM coach_status s WHERE s.coach_id = c.coach_id AND s.effective_on <= $today
                            ORDER BY s.effective_on DESC, s.sequence DESC LIMIT 1), 0) = 1
            ORDER BY a.assignment_id
            """,
            r => new OwnMicrosystemAssignment(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
            ("$today", clock.Today));
    }

    internal static void InsertCohort(StoreSession session, Cohort cohort) =>
        session.Execute("INSERT INTO cohort(cohort_id, name, starts_on, ends_on) VALUES ($id, $name, $starts, $ends)",
            ("$id", cohort.CohortId), ("$name", cohort.Name), ("$starts", cohort.StartsOn), ("$ends", cohort.EndsOn));

    internal static void InsertMicrosystem(StoreSession session, Microsystem microsystem) =>
        session.Execute("INSERT INTO microsystem(microsystem_id, name, kind, organisation) VALUES ($id, $name, $kind, $org)",
            ("$id", microsystem.MicrosystemId), ("$name", microsystem.Name), ("$kind", microsystem.Kind), ("$org", microsystem.Organisation));

    /// <summary>A coach is active from enrolment: they coach a team while they train.</summary>
    internal static void InsertCoach(StoreSession session, Coach coach, DateOnly enrolledOn)
    {
        session.Execute(
            "INSERT INTO coach(coach_id, name, cohort_id, home_microsystem_id, enrolled_on, trained_on) VALUES ($id, $name, $cohort, $home, $enrolled, $trained)",
            ("$id", coach.CoachId), ("$name", coach.Name), ("$cohort", coach.CohortId), ("$home", coach.HomeMicrosystemId),
            ("$enrolled", enrolledOn), ("$trained", coach.TrainedOn.Length == 0 ? null : coach.TrainedOn));
        AddStatus(session, coach.CoachId, enrolledOn, active: true);
    }

    internal static void AddStatus(StoreSession session, string coachId, DateOnly effectiveOn, bool active) =>
        session.Execute("INSERT INTO coach_status(coach_id, effective_on, active) VALUES ($id, $on, $active)",
            ("$id", coachId), ("$on", effectiveOn), ("$active", active));

    internal static void InsertAssignment(StoreSession session, CoachingAssignment assignment, string staff) =>
        session.Execute("INSERT INTO assignment(assignment_id, coach_id, microsystem_id, starts_on, assigned_by) VALUES ($id, $coach, $ms, $starts, $by)",
            ("$id", assignment.AssignmentId), ("$coach", assignment.CoachId), ("$ms", assignment.MicrosystemId), ("$starts", assignment.StartsOn), ("$by", staff));

    private static long NextNumber(StoreSession session, string table) =>
        session.Scalar<long>($"SELECT COALESCE(MAX(rowid), 0) + 1 FROM {table}");

    private static Coach RequireCoach(StoreSession session, string coachId) =>
        Load(session, coachId, null) ?? throw new RpcException(new Status(StatusCode.NotFound, $"coach_id: no coach '{coachId}'; enrol them first with EnrolCoach."));

    private static void RequireMicrosystem(StoreSession session, string microsystemId, string field)
    {
        if (session.Scalar<long>("SELECT COUNT(*) FROM microsystem WHERE microsystem_id = $id", ("$id", microsystemId)) == 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{field}: no microsystem '{microsystemId}'; add it first with AddMicrosystem."));
        }
    }

    private static Coach? Load(StoreSession session, string coachId, DateOnly? today) =>
        session.Query(
            """
            SELECT c.coach_id, c.name, c.cohort_id, c.home_microsystem_id, COALESCE(c.trained_on, ''),
                   COALESCE((SELECT s.active FROM coach_status s WHERE s.coach_id = c.coach_id AND s.effective_on <= $today
                             ORDER BY s.effective_on DESC, s.sequence DESC LIMIT 1), 0)
            FROM coach c WHERE c.coach_id = $id
            """,
            r => new Coach
            {
                CoachId = r.GetString(0),
                Name = r.GetString(1),
                CohortId = r.GetString(2),
                HomeMicrosystemId = r.GetString(3),
                TrainedOn = r.GetString(4),
                Active = r.GetInt64(5) != 0,
            },
            ("$id", coachId), ("$today", today ?? DateOnly.MaxValue)).SingleOrDefault();

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
