using System.Collections.Immutable;

namespace Collaborative.Programme.Definition;

/// <summary>
/// A change a team tests in PDSA cycles. Its id is unique in the programme, so a cycle names only the
/// idea. <see cref="Measure"/> is the process measure that shows whether the change is happening;
/// <see cref="Owners"/> are the partners who own it.
/// </summary>
public sealed record ChangeIdea
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>A measure of the programme; null when the idea has none of its own.</summary>
    public string? Measure { get; init; }

    /// <summary>Partner ids of the programme.</summary>
    public ImmutableArray<string> Owners { get; init; } = [];
}
