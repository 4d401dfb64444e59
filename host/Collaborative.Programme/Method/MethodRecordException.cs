using System.Collections.Immutable;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Method;

/// <summary>A method record (PDSA cycle, annotation, progress score, learning event) was refused; every field wrong is listed.</summary>
public sealed class MethodRecordException : Exception
{
    public MethodRecordException(string record, ImmutableArray<ProgrammeError> errors)
        : base($"The {record} was refused: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    /// <summary>Each with <see cref="ProgrammeError.Path"/> the field ("prediction", "goal_ids[1]").</summary>
    public ImmutableArray<ProgrammeError> Errors { get; }
}
