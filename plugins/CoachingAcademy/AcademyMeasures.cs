using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>
/// The academy's monthly aggregates, cumulative at month end: coaches who have completed the course,
/// distinct microsystem teams that have had a coach, and of the trained coaches the share still coaching.
/// </summary>
internal sealed class AcademyMeasures : IMonthlyMeasures
{
    public const string CoachesTrained = "academy.coaches-trained";
    public const string TeamsCoached = "academy.teams-coached";
    public const string CoachesActiveShare = "academy.coaches-active-share";

    public static IReadOnlyList<MeasureContribution> Contributions { get; } =
    [
        new() { MeasureId = CoachesTrained, Name = "Improvement coaches trained", Unit = "coaches", Description = "Coaches who have completed the five-month course, to date." },
        new() { MeasureId = TeamsCoached, Name = "Microsystem teams coached", Unit = "teams", Description = "Distinct microsystem teams (wards, clinics, departments) that have had a coach, to date." },
        new() { MeasureId = CoachesActiveShare, Name = "Trained coaches still coaching", Unit = "percent", Description = "Of the coaches trained by month end, the share still actively coaching." },
    ];

    public MonthlyPeriod? FirstMonthWithData(StoreSession session) =>
        session.Scalar<string>("SELECT MIN(starts_on) FROM cohort") is { } first
            ? MonthlyPeriod.Of(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public IEnumerable<MeasureValue> Compute(StoreSession session, MonthlyPeriod month)
    {
        (string, object?)[] end = [("$end", month.LastDay)];
        var trained = session.Query(
            """
            SELECT COUNT(*), COALESCE(SUM(COALESCE(
                (SELECT s.active FROM coach_status s WHERE s.coach_id = c.coach_id AND s.effective_on <= $end
                 ORDER BY s.effective_on DESC, s.sequence DESC LIMIT 1), 0)), 0)
            FROM coach c WHERE c.trained_on IS NOT NULL AND c.trained_on <= $end
            """,
            r => (All: r.GetInt64(0), Active: r.GetInt64(1)), end).Single();
        var teams = session.Scalar<long>("SELECT COUNT(DISTINCT microsystem_id) FROM assignment WHERE starts_on <= $end", end);
        return Aggregate(month, trained.All, trained.Active, teams);
    }

    internal static IEnumerable<MeasureValue> Aggregate(MonthlyPeriod month, long trained, long activeTrained, long teams)
    {
        yield return MeasureValue.Count(CoachesTrained, month, trained);
        yield return MeasureValue.Count(TeamsCoached, month, teams);
        if (MeasureValue.Percentage(CoachesActiveShare, month, activeTrained, trained) is { } share)
        {
            yield return share;
        }
    }
}
