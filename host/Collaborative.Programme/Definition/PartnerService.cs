namespace Collaborative.Programme.Definition;

/// <summary>A service a partner brings to goal teams, clinical or corporate support.</summary>
public sealed record PartnerService
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ServiceSide Side { get; init; }
}
