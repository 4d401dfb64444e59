using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>Where a partner takes part, and what its registered modules reported.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerProfile(
    string PartnerId,
    string Name,
    ImmutableArray<string> CoOwnedGoals,
    ImmutableArray<string> TeamGoals,
    ImmutableArray<string> Communities,
    ImmutableArray<string> Modules,
    long ObservationsReported);
