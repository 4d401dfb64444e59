namespace Collaborative.Grains;

/// <summary>The identity of a grain: its grain type name and its key. Stable across restarts; storage is keyed by it.</summary>
/// <param name="Type">The grain type name (the class name, or <see cref="GrainTypeAttribute"/>).</param>
/// <param name="Key">The primary key passed to <see cref="IGrainFactory.GetGrain{TGrainInterface}(string)"/>.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
