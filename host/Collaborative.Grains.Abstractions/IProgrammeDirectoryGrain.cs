namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The programmes of one deployment (an ICS's portfolio), in the order they were created; the first is the
/// default programme, which a call naming no programme means. On its first activation it finds a programme
/// stored by a host of one programme (<see cref="IProgrammeGrain.LegacyKey"/>) and lists it as the default,
/// or else creates the configured programme file or the sample programmes.
/// </summary>
public interface IProgrammeDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory of a deployment.</summary>
    const string Key = "programmes";

    /// <summary>Every programme, the default first; or, when there is none, why the first programme file was refused.</summary>
    [ReadOnly]
    Task<ProgrammePortfolio> ListAsync();

    /// <summary>
    /// Creates a programme from its YAML, keyed by its id: refused whole with every error when it does not load,
    /// or as already existing when the id (or its grain key) is taken.
    /// </summary>
    Task<ProgrammeCreation> CreateAsync(string yaml, string fileName);
}
