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

    /// <summary>The live events' route pattern (the pages' routes are in their <c>@page</c> directives).</summary>
    public const string EventsRoute = "/programmes/{" + ProgrammeRouteValue + "}/goals/{goalId}/events";
}
