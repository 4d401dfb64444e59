using Collaborative.Programme.Periods;

namespace Collaborative.Grains.Abstractions;

/// <summary><see cref="PeriodKind"/> on the wire: how a batch's periods (stored as their first day) read back.</summary>
[GenerateSerializer]
public enum MeasurePeriod
{
    Month,
    Week,
}
