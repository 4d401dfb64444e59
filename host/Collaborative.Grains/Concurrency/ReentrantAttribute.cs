namespace Collaborative.Grains;

/// <summary>Lets every call to this grain class interleave with others at <c>await</c> points. Turns still never run
/// in parallel, and a call cycle through a reentrant grain is allowed.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
