namespace Collaborative.Grains;

/// <summary>Hands out references to grains. A reference is cheap; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    /// <summary>Gets a reference to the grain of <typeparamref name="TGrainInterface"/> with <paramref name="primaryKey"/>.</summary>
    /// <exception cref="ArgumentException">The interface has no registered grain class.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;
}
