using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The programmes of a deployment, the default first. Empty only when the first programme file was refused
/// (<see cref="Refusal"/> says why) and no programme has been created since.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammePortfolio(ImmutableArray<ProgrammeScope> Programmes, ImmutableArray<ProgrammeErrorLine> Refusal)
{
    /// <summary>The programme a call that names none means; null when there is none.</summary>
    public ProgrammeScope? Default => Programmes.IsDefaultOrEmpty ? null : Programmes[0];

    public ProgrammeScope? Find(string programmeId) => Programmes.FirstOrDefault(p => p.ProgrammeId == programmeId);
}
