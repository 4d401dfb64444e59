using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// What creating a programme did: its scope and first version; or every error of its YAML; or, with
/// <see cref="AlreadyExists"/>, the id is taken (the errors then say by what).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammeCreation(ProgrammeScope? Scope, long Version, bool AlreadyExists, ImmutableArray<ProgrammeErrorLine> Errors)
{
    public bool Accepted => Scope is not null;
}
