using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>A partner organisation of the ICS: the programmes it takes part in, and what its registered modules reported.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerProfile(
    string PartnerId,
    string Name,
    ImmutableArray<PartnerInProgramme> Programmes,
    ImmutableArray<string> Modules,
    long ObservationsReported);
