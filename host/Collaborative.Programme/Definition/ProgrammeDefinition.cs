using System.Collections.Immutable;
using Collaborative.Programme.Alignment;

namespace Collaborative.Programme.Definition;

/// <summary>
/// A whole improvement programme as one immutable value (named so it cannot be confused with the
/// Collaborative.Programme namespace): purpose, partners, communities, measures,
/// goals, principles and alignment settings. Built by <see cref="YamlProgrammeLoader"/> or by the API
/// (then checked with <see cref="ProgrammeValidator"/>); never half-built.
/// </summary>
public sealed record ProgrammeDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SharedPurpose { get; init; }

    public string Vision { get; init; } = string.Empty;

    public ImmutableArray<PartnerOrganisation> Partners { get; init; } = [];

    public ImmutableArray<ClinicalCommunity> Communities { get; init; } = [];

    public ImmutableArray<Measure> Measures { get; init; } = [];

    public ImmutableArray<SharedGoal> Goals { get; init; } = [];

    /// <summary>The five default principles followed by the programme's own.</summary>
    public ImmutableArray<Principle> Principles { get; init; } = Principle.Defaults;

    public ImmutableArray<AlignmentRuleSetting> AlignmentRules { get; init; } = [];

    public PartnerOrganisation? FindPartner(string id) => Partners.FirstOrDefault(p => p.Id == id);

    public Measure? FindMeasure(string id) => Measures.FirstOrDefault(m => m.Id == id);

    public SharedGoal? FindGoal(string id) => Goals.FirstOrDefault(g => g.Id == id);

    public ClinicalCommunity? FindCommunity(string id) => Communities.FirstOrDefault(c => c.Id == id);

    /// <summary>A change idea and the goal whose driver diagram holds it; change idea ids are unique in a programme.</summary>
    public (SharedGoal Goal, ChangeIdea Idea)? FindChangeIdea(string id)
    {
        foreach (var goal in Goals)
        {
            if (goal.DriverDiagram?.FindChangeIdea(id) is { } idea)
            {
                return (goal, idea);
            }
        }

        return null;
    }

    /// <summary>
    /// The programme with a goal's driver diagram replaced (or removed, with null), as an edit through the
    /// API makes it: the edit is a review, so the diagram's <see cref="DriverDiagram.Reviewed"/> becomes
    /// <paramref name="editedOn"/>. Check the result with <see cref="ProgrammeValidator"/> before keeping it.
    /// </summary>
    public ProgrammeDefinition WithDriverDiagram(string goalId, DriverDiagram? diagram, DateOnly editedOn)
    {
        var index = Goals.IndexOf(FindGoal(goalId) ?? throw new ArgumentException($"'{goalId}' is not a shared goal of programme '{Id}'", nameof(goalId)));
        return this with { Goals = Goals.SetItem(index, Goals[index] with { DriverDiagram = diagram is null ? null : diagram with { Reviewed = editedOn } }) };
    }

    /// <summary>
    /// The communities a goal belongs to, whether the goal names the community or the community names
    /// the goal: the file may say it either way, and both mean the same.
    /// </summary>
    public ImmutableArray<string> CommunitiesOf(SharedGoal goal) =>
        [.. goal.Communities.Concat(Communities.Where(c => c.Goals.Contains(goal.Id)).Select(c => c.Id)).Distinct()];
}
