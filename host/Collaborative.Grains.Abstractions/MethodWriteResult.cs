using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// What <see cref="IProgrammeMethodGrain.WriteAsync"/> did: the stored record; or every field it refused; or, when the
/// author may not write for a goal the record is about (<c>MethodWriters</c>), <see cref="Denied"/> saying why.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MethodWriteResult(MethodWriteResponse? Stored, ImmutableArray<ProgrammeErrorLine> Errors, string? Denied = null)
{
    public bool Accepted => Stored is not null;
}
