using Collaborative.Host.Access;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>
/// Who records the improvement method from the dashboard: <see cref="MethodWriters"/>' rule for signed-in principals
/// (leaders and admins every goal, a partner the goals its organisation co-owns, staff never). The single local user
/// of a host with no principals reads only: the dashboard there is read-only, whatever the CLI may do.
/// </summary>
internal static class DashboardWriters
{
    public static bool MayWrite(AccessPrincipal reader, SharedGoal goal) =>
        !reader.SingleUser && MethodWriters.MayWrite(reader.RoleWord, reader.Partner, goal);

    /// <summary>The goals of <paramref name="programme"/> the reader may write for, in the programme's order.</summary>
    public static IReadOnlyList<SharedGoal> WritableGoals(AccessPrincipal reader, ProgrammeDefinition programme) =>
        [.. programme.Goals.Where(g => MayWrite(reader, g))];
}
