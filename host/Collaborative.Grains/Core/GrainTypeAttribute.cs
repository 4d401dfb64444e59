namespace Collaborative.Grains;

/// <summary>Names a grain class's grain type. Stored state is keyed by this name, so set it before renaming a class.
/// Without it, the grain type is the class name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}
