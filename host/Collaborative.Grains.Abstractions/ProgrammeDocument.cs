using System.Collections.Immutable;
using Collaborative.Programme.Definition;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The programme as stored: its YAML source and version. The YAML is the one wire form (the loader is the
/// one parser), so a definition crosses hosts as text and each host parses it once per version.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammeDocument(long Version, string Yaml, string FileName, ImmutableArray<ProgrammeErrorLine> Refusal)
{
    /// <summary>No definition is in force: a reader answers with these errors.</summary>
    public bool IsRefused => !Refusal.IsDefaultOrEmpty;

    /// <summary>Throws <see cref="ProgrammeDefinitionException"/> with the refusal's errors.</summary>
    public ProgrammeDefinitionException RefusalException() => new(Refusal.Select(e => e.ToError()));
}
