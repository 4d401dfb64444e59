namespace Collaborative.Host.Dashboard;

/// <summary>A dashboard page anyone may open without signing in (the sign-in page itself); every other page needs a reader.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class OpenToAnyoneAttribute : Attribute;
