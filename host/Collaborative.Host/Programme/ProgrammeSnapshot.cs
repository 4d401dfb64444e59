using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Definition;

namespace Collaborative.Host.Programme;

/// <summary>A programme's definition in force, its version (which rises with every change), and where its grains are.</summary>
public sealed record ProgrammeSnapshot(ProgrammeDefinition Definition, long Version, ProgrammeScope Scope);
