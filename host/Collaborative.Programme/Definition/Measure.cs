using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Definition;

/// <summary>A measure for improvement: what is counted, how, how often, and which way is better.</summary>
public sealed record Measure
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Unit { get; init; }

    /// <summary>The operational definition: exactly what counts, so every partner counts the same.</summary>
    public required string Definition { get; init; }

    public string? Numerator { get; init; }

    public string? Denominator { get; init; }

    public required PeriodKind Period { get; init; }

    public required ImprovementDirection Improvement { get; init; }

    /// <summary>The module (plugin id) that reports it, when one does.</summary>
    public string? Module { get; init; }
}
