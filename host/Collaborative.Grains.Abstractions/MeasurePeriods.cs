using Collaborative.Programme.Periods;

namespace Collaborative.Grains.Abstractions;

/// <summary>The one map between the domain's period kinds and the wire's.</summary>
public static class MeasurePeriods
{
    public static MeasurePeriod ToWire(this PeriodKind kind) => kind switch
    {
        PeriodKind.Month => MeasurePeriod.Month,
        PeriodKind.Week => MeasurePeriod.Week,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a period kind"),
    };

    public static PeriodKind ToDomain(this MeasurePeriod period) => period switch
    {
        MeasurePeriod.Month => PeriodKind.Month,
        MeasurePeriod.Week => PeriodKind.Week,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a measure period"),
    };
}
