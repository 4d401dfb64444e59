namespace Collaborative.Host.Programme;

/// <summary>The writer may not record the improvement method for a goal the record is about (see <c>MethodWriters</c>).</summary>
public sealed class MethodWriteDeniedException(string message) : Exception(message);
