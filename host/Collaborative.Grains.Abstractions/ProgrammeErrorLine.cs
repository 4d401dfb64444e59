using System.Collections.Immutable;
using Collaborative.Programme.Definition;

namespace Collaborative.Grains.Abstractions;

/// <summary>One <see cref="ProgrammeError"/> on the wire: where (file, line, column, field) and what.</summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammeErrorLine(string? File, int? Line, int? Column, string Path, string Message)
{
    public static ProgrammeErrorLine From(ProgrammeError error) => new(error.File, error.Line, error.Column, error.Path, error.Message);

    public static ImmutableArray<ProgrammeErrorLine> From(ProgrammeDefinitionException refusal) => [.. refusal.Errors.Select(From)];

    public ProgrammeError ToError() => new() { File = File, Line = Line, Column = Column, Path = Path, Message = Message };
}
