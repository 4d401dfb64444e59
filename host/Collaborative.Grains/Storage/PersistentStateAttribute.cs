namespace Collaborative.Grains;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime injects the
/// state called <paramref name="stateName"/> from the storage called <paramref name="storageName"/>.</summary>
/// <param name="stateName">Name of the state within the grain (a grain may have several).</param>
/// <param name="storageName">Name of the registered storage; default <c>"Default"</c>.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The storage used when none is named.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>Name of the state within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>Name of the storage.</summary>
    public string StorageName { get; } = storageName ?? DefaultStorageName;
}
