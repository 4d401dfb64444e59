using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>A principle the programme works by; alignment rules report against principles.</summary>
public sealed record Principle
{
    public const string DefineTogether = "define-together";
    public const string RelationshipsTrust = "relationships-trust";
    public const string DiverseExpertise = "diverse-expertise";
    public const string SharedLeadership = "shared-leadership";
    public const string ImprovementMindset = "improvement-mindset";

    public required string Id { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>True for the five defaults every programme has.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The five principles for system-wide improvement, in their usual order.</summary>
    public static ImmutableArray<Principle> Defaults { get; } =
    [
        new() { Id = DefineTogether, Title = "Define scope and goals together", IsDefault = true,
            Description = "Partners agree the shared purpose, the few goals that serve it, and how each is measured." },
        new() { Id = RelationshipsTrust, Title = "Build relationships and trust", IsDefault = true,
            Description = "Every partner has a place in a community or a goal; people know each other." },
        new() { Id = DiverseExpertise, Title = "See diverse expertise as an asset", IsDefault = true,
            Description = "Clinical, corporate-support and lived experience work side by side." },
        new() { Id = SharedLeadership, Title = "Develop shared system leadership", IsDefault = true,
            Description = "Each goal has an executive sponsor and a clinical lead." },
        new() { Id = ImprovementMindset, Title = "Use an improvement mindset", IsDefault = true,
            Description = "Measure often, test small changes, learn from data read with SPC." },
    ];
}
