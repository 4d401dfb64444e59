using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>A partner's place in one programme: the goals it co-owns, the goals it has people on, its communities.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerInProgramme(
    string ProgrammeId,
    string ProgrammeName,
    ImmutableArray<string> CoOwnedGoals,
    ImmutableArray<string> TeamGoals,
    ImmutableArray<string> Communities);
