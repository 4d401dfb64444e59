namespace Collaborative.Host.Dashboard.Method;

/// <summary>One error of a refused write: the field (method.proto's name) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message);
