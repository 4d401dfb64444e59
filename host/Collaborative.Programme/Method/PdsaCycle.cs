namespace Collaborative.Programme.Method;

/// <summary>
/// One Plan-Do-Study-Act cycle testing a change idea of a goal's driver diagram: plan with a prediction;
/// do, from <see cref="Started"/> to <see cref="Ended"/>; study what happened; act: adopt, adapt or
/// abandon. <see cref="Recorded"/> is the day it was recorded or last changed (the grain sets it).
/// Checked by <see cref="MethodValidator.Validate(PdsaCycle, Definition.ProgrammeDefinition)"/>.
/// </summary>
public sealed record PdsaCycle
{
    public required string Id { get; init; }

    public required string GoalId { get; init; }

    public required string ChangeIdeaId { get; init; }

    /// <summary>The partner that owns the cycle.</summary>
    public required string Owner { get; init; }

    public required PdsaStatus Status { get; init; }

    /// <summary>What will be tried, by whom, where.</summary>
    public required string Plan { get; init; }

    /// <summary>What the team expects to happen; studying compares it with what did.</summary>
    public required string Prediction { get; init; }

    public DateOnly? Started { get; init; }

    public DateOnly? Ended { get; init; }

    /// <summary>What happened, against the prediction.</summary>
    public string Study { get; init; } = string.Empty;

    /// <summary>The decision; only a done cycle has one, and it must.</summary>
    public PdsaAct? Act { get; init; }

    public required DateOnly Recorded { get; init; }

    /// <summary>Where the cycle sits on the goal's chart: the day it started, or (planned) the day it was recorded.</summary>
    public DateOnly MarkerDate => Started ?? Recorded;

    /// <summary>The latest day anything happened to the cycle, for "tested recently".</summary>
    public DateOnly LastActivity => new[] { Recorded, Started ?? DateOnly.MinValue, Ended ?? DateOnly.MinValue }.Max();
}
