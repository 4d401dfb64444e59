namespace Collaborative.Programme.Method;

/// <summary>Where a PDSA cycle is: planned, being done, being studied, or done (acted on).</summary>
public enum PdsaStatus
{
    Planned,
    Doing,
    Studying,
    Done,
}
