using Collaborative.Grains.References;

namespace Collaborative.Grains;

/// <summary>Identity helpers for grains and grain references, as in Orleans (<c>this.GetPrimaryKeyString()</c>).</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain (inside the grain) or of a grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The full identity of a grain or grain reference.</summary>
    /// <exception cref="ArgumentException">The object is neither a grain nor a reference made by the runtime.</exception>
    public static GrainId GetGrainId(this IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            Grain g => g.Activation.Id,
            GrainProxy p => p.Id,
            _ => throw new ArgumentException(
                $"{grain.GetType().Name} is neither a Grain nor a grain reference from IGrainFactory.", nameof(grain)),
        };
    }
}
