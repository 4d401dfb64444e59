using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>What replacing the programme did: the new version, or every error and the old version kept.</summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammeUpdate(bool Accepted, long Version, ImmutableArray<ProgrammeErrorLine> Errors);
