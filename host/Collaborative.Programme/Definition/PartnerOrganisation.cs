using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>An organisation taking part in the programme, with the services it can put into goal teams.</summary>
public sealed record PartnerOrganisation
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required PartnerKind Kind { get; init; }

    public ImmutableArray<PartnerService> Services { get; init; } = [];
}
