namespace Collaborative.Grains.Abstractions;

/// <summary>The programme: its definition, kept as YAML source, and its changes.</summary>
public interface IProgrammeGrain : IGrainWithStringKey
{
    /// <summary>The single programme a host runs.</summary>
    const string Key = "programme";

    /// <summary>The definition in force, or why there is none (a refused first file or stored definition).</summary>
    [ReadOnly]
    Task<ProgrammeDocument> GetAsync();

    /// <summary>Replaces the definition when the YAML loads; otherwise keeps the old one and answers every error.</summary>
    Task<ProgrammeUpdate> UpdateAsync(string yaml, string fileName);

    /// <summary>Tells <paramref name="watcher"/> of every new version until it unsubscribes or lapses.</summary>
    Task SubscribeAsync(IProgressWatcher watcher);

    Task UnsubscribeAsync(IProgressWatcher watcher);
}
