using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Method;

/// <summary>
/// Who may write a goal's method records (PDSA cycles, annotations, scores, the learning events that cover it, its
/// driver diagram): leaders, admins and the single local user write for every goal; a partner only for the goals
/// its organisation co-owns; a staff system never. The one rule, for the grain that enforces it and the pages and
/// API that offer the writes.
/// </summary>
public static class MethodWriters
{
    /// <summary>What a refusal says the rule is.</summary>
    public const string Rule = "leaders and admins record the improvement method for every goal; a partner only for the goals its organisation co-owns.";

    /// <param name="role">leader, partner, admin, staff, or "local user" (the single user of a host with no principals).</param>
    public static bool MayWrite(string role, string? partner, SharedGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return role switch
        {
            "leader" or "admin" or "local user" => true,
            "partner" => !string.IsNullOrEmpty(partner) && goal.CoOwners.Contains(partner, StringComparer.Ordinal),
            _ => false,
        };
    }

    /// <summary>Null when the writer may write for every goal named; otherwise why not, naming the first goal refused.</summary>
    public static string? Denial(string role, string? partner, IEnumerable<string> goalIds, ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(goalIds);
        ArgumentNullException.ThrowIfNull(programme);
        if (role is not ("leader" or "admin" or "local user" or "partner"))
        {
            return $"{(string.IsNullOrWhiteSpace(role) ? "a caller with no role" : $"a {role}")} does not record the improvement method: {Rule}";
        }

        foreach (var goalId in goalIds.Distinct(StringComparer.Ordinal))
        {
            if (programme.FindGoal(goalId) is { } goal && !MayWrite(role, partner, goal))
            {
                return $"partner '{partner}' does not co-own goal '{goalId}' (co-owners: {string.Join(", ", goal.CoOwners)}): {Rule}";
            }
        }

        return null;
    }
}
