using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>A marker on a goal's SPC chart: what it is, the record it came from, where it sits and the text read on hover or focus.</summary>
public sealed record ChartMarker(ChartMarkerKind Kind, string RecordId, Period Period, string Text);
