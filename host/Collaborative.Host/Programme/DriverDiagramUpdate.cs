using Collaborative.Programme.Definition;

namespace Collaborative.Host.Programme;

/// <summary>What replacing a goal's driver diagram did: the programme's new definition version, and the diagram as stored (reviewed that day).</summary>
public sealed record DriverDiagramUpdate(long Version, DriverDiagram Diagram);
