using System.Collections.Immutable;

namespace Collaborative.Programme.Alignment;

/// <summary>A module (plugin) and the measures it says it contributes, from its Describe answer.</summary>
public sealed record ModuleContribution(string ModuleId, ImmutableArray<string> MeasureIds);
