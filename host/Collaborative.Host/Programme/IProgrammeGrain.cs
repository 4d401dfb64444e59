using Collaborative.Grains;

namespace Collaborative.Host.Programme;

/// <summary>The programme: its definition, stored as YAML source, and its changes.</summary>
public interface IProgrammeGrain : IGrainWithStringKey
{
    /// <summary>The single programme a host runs.</summary>
    const string Key = "programme";

    [ReadOnly]
    Task<ProgrammeSnapshot> GetAsync();

    /// <summary>Replaces the definition; throws <see cref="Collaborative.Programme.Definition.ProgrammeDefinitionException"/> (all errors, with positions) and keeps the old one when the YAML is bad.</summary>
    Task<long> UpdateAsync(string yaml, string fileName);
}
