using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>
/// A goal's theory of change: the aim (the goal itself) leads to primary drivers, each to secondary
/// drivers, each to the change ideas teams test in PDSA cycles. <see cref="Reviewed"/> is when the team
/// last looked at it against the data (set by hand in a file, by the API when the diagram is edited).
/// </summary>
public sealed record DriverDiagram
{
    /// <summary>The day the diagram was last reviewed or changed; null when nobody has said.</summary>
    public DateOnly? Reviewed { get; init; }

    public ImmutableArray<PrimaryDriver> PrimaryDrivers { get; init; } = [];

    /// <summary>Every change idea of the diagram, in file order.</summary>
    public IEnumerable<ChangeIdea> ChangeIdeas =>
        PrimaryDrivers.SelectMany(p => p.SecondaryDrivers).SelectMany(s => s.ChangeIdeas);

    public ChangeIdea? FindChangeIdea(string id) => ChangeIdeas.FirstOrDefault(i => i.Id == id);
}
