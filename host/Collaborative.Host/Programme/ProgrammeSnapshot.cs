using Collaborative.Programme.Definition;

namespace Collaborative.Host.Programme;

/// <summary>The programme definition in force and its version (which rises with every change).</summary>
public sealed record ProgrammeSnapshot(ProgrammeDefinition Definition, long Version);
