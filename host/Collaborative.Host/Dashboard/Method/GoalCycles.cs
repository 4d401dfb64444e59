using Collaborative.Contracts.V1;
using Collaborative.Host.Programme;
using Collaborative.Programme.Definition;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>
/// A goal's PDSA cycles as its page lists them, newest first, with the names the list shows for its change ideas
/// and owners, and the method version they were read at (a live page re-renders when it moves).
/// </summary>
public sealed record GoalCycles(
    IReadOnlyList<PdsaCycleRecord> Cycles,
    IReadOnlyDictionary<string, string> IdeaTitles,
    IReadOnlyDictionary<string, string> PartnerNames,
    long Version)
{
    public static GoalCycles Of(ProgrammeMethod method, ProgrammeDefinition programme, SharedGoal goal)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(goal);
        return new GoalCycles(
            [.. method.Records.Cycles.Where(c => c.GoalId == goal.Id).Reverse()],
            (goal.DriverDiagram?.ChangeIdeas ?? []).ToDictionary(i => i.Id, i => i.Title, StringComparer.Ordinal),
            programme.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal),
            method.Version);
    }

    public string IdeaTitle(string id) => IdeaTitles.GetValueOrDefault(id, id);

    public string PartnerName(string id) => PartnerNames.GetValueOrDefault(id, id);
}
