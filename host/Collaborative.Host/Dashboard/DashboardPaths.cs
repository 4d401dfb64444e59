using static Collaborative.Host.Dashboard.HtmlText;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// Where each dashboard page lives, in one place: the portfolio at <c>/</c>, a programme's pages under
/// <c>/programmes/{programmeId}</c>. Ids are programme text, so each is escaped as a path segment.
/// </summary>
internal static class DashboardPaths
{
    /// <summary>The route value the gate reads to know which programme a page shows.</summary>
    public const string ProgrammeRouteValue = "programmeId";

    public const string Portfolio = "/";

    public const string Plugins = "/plugins";

    public static string Programme(string programmeId) => $"/programmes/{U(programmeId)}";

    public static string Board(string programmeId) => Programme(programmeId) + "/board";

    public static string Goal(string programmeId, string goalId) => $"{Programme(programmeId)}/goals/{U(goalId)}";

    public static string Events(string programmeId, string goalId) => Goal(programmeId, goalId) + "/events";

    /// <summary>Where the goal teams stand in a month ("YYYY-MM"; null: the latest month scored).</summary>
    public static string TeamProgress(string programmeId, string? month = null) =>
        Programme(programmeId) + "/team-progress" + (month is null ? "" : "?month=" + U(month));

    public static string LearningEvents(string programmeId) => Programme(programmeId) + "/learning-events";

    /// <summary>The audit of method writes in a month ("YYYY-MM"; null: this month), for admins.</summary>
    public static string Audit(string programmeId, string? month = null) =>
        Programme(programmeId) + "/audit" + (month is null ? "" : "?month=" + U(month));

    /// <summary>The query parameter naming a month on the team progress and audit pages.</summary>
    public const string MonthQuery = "month";

    /// <summary>The live events' route pattern (the pages' routes are in their <c>@page</c> directives).</summary>
    public const string EventsRoute = "/programmes/{" + ProgrammeRouteValue + "}/goals/{goalId}/events";
}
