namespace Collaborative.Host.Dashboard;

/// <summary>A dashboard page only admins may open (the method audit); the gate answers anyone else 403, naming <see cref="Action"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class AdminOnlyAttribute(string action) : Attribute
{
    /// <summary>What the page does, as the refusal says it: "read the audit of method records".</summary>
    public string Action { get; } = action;
}
