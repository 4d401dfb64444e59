using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>Every domain value has its wire value and back: the maps are total.</summary>
public sealed class MeasurePeriodsTests
{
    [Fact]
    public void EveryPeriodKind_RoundTripsThroughTheWire()
    {
        foreach (var kind in Enum.GetValues<PeriodKind>())
        {
            Assert.Equal(kind, kind.ToWire().ToDomain());
        }

        Assert.Equal(Enum.GetValues<PeriodKind>().Length, Enum.GetValues<MeasurePeriod>().Length);
    }

    [Fact]
    public void EveryRecordOutcome_HasTheWireOutcomeOfTheSameName()
    {
        foreach (var outcome in Enum.GetValues<RecordOutcome>())
        {
            Assert.Equal(outcome.ToString(), MeasureRecordResult.ToWire(outcome).ToString());
        }
    }
}
