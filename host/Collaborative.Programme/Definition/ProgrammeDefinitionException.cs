using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>A programme definition was refused; <see cref="Errors"/> lists everything wrong, not just the first.</summary>
public sealed class ProgrammeDefinitionException : Exception
{
    public ProgrammeDefinitionException(IEnumerable<ProgrammeError> errors)
        : this([.. errors])
    {
    }

    private ProgrammeDefinitionException(ImmutableArray<ProgrammeError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ImmutableArray<ProgrammeError> Errors { get; }

    private static string Describe(ImmutableArray<ProgrammeError> errors) =>
        $"The programme definition was refused ({errors.Length} error{(errors.Length == 1 ? string.Empty : "s")}):"
        + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
