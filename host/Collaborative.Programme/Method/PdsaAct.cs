namespace Collaborative.Programme.Method;

/// <summary>What the team decided after studying a cycle.</summary>
public enum PdsaAct
{
    /// <summary>Keep the change and make it the way things are done.</summary>
    Adopt,

    /// <summary>Change it and test again in another cycle.</summary>
    Adapt,

    /// <summary>Stop testing it.</summary>
    Abandon,
}
