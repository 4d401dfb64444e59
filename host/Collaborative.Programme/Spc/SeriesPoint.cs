using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Spc;

/// <summary>One value of a measure's current series.</summary>
public readonly record struct SeriesPoint(Period Period, double Value);
