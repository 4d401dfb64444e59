namespace Collaborative.Programme.Definition;

/// <summary>A goal's aim: what will improve, by how much, by when. <see cref="ByWhen"/> is the target date.</summary>
public sealed record AimStatement
{
    public required string What { get; init; }

    public string HowMuch { get; init; } = string.Empty;

    public DateOnly? ByWhen { get; init; }
}
