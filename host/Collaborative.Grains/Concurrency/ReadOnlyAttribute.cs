namespace Collaborative.Grains;

/// <summary>On a grain interface method: the method does not change state, so calls to read-only methods may
/// interleave with each other (never with a call to a method without this attribute).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
