namespace Collaborative.Grains.Abstractions;

/// <summary>
/// One programme: its definition, kept as YAML source, and its changes. Keyed by the programme's id (see
/// <see cref="ProgrammeScope"/>); which programmes exist is the <see cref="IProgrammeDirectoryGrain"/>'s to say.
/// </summary>
public interface IProgrammeGrain : IGrainWithStringKey
{
    /// <summary>The key a host of one programme stored its programme under; read as that programme after an upgrade.</summary>
    const string LegacyKey = "programme";

    /// <summary>
    /// The definition in force (version 0 and no YAML when none was ever stored), or why this host refuses the
    /// stored one (a limit newer than the definition).
    /// </summary>
    [ReadOnly]
    Task<ProgrammeDocument> GetAsync();

    /// <summary>
    /// Stores the definition (the first or a replacement) when the YAML loads and its id is this programme's;
    /// otherwise keeps the old one and answers every error.
    /// </summary>
    Task<ProgrammeUpdate> UpdateAsync(string yaml, string fileName);

    /// <summary>
    /// As <see cref="UpdateAsync"/>, but only while the definition in force is still <paramref name="expectedVersion"/>
    /// (otherwise refused, with the "version" field, and nothing stored), and audited: <paramref name="audit"/>, its
    /// version set to the new one, is stored with the definition and then added to the month's audit.
    /// </summary>
    Task<ProgrammeUpdate> UpdateAuditedAsync(string yaml, string fileName, long expectedVersion, Collaborative.Contracts.V1.MethodAuditEntry audit);

    /// <summary>Tells <paramref name="watcher"/> of every new version until it unsubscribes or lapses.</summary>
    Task SubscribeAsync(IProgressWatcher watcher);

    Task UnsubscribeAsync(IProgressWatcher watcher);
}
