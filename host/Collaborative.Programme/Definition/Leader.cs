namespace Collaborative.Programme.Definition;

/// <summary>A named leader (executive sponsor or clinical lead) and the partner they belong to.</summary>
public sealed record Leader
{
    public required string Name { get; init; }

    public string Role { get; init; } = string.Empty;

    public required string Partner { get; init; }
}
