namespace Collaborative.Grains;

/// <summary>On a grain interface method: calls to it interleave with any other call, and may be part of a call
/// cycle. Use for methods that are safe to run while another call awaits.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
