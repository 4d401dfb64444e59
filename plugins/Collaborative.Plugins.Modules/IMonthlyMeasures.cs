namespace Collaborative.Plugins.Modules;

/// <summary>How a module turns its own records into monthly aggregates.</summary>
public interface IMonthlyMeasures
{
    /// <summary>The earliest month the module has data for, or null when it has none yet.</summary>
    MonthlyPeriod? FirstMonthWithData(StoreSession session);

    /// <summary>Every measure's value for <paramref name="month"/>, as the data stands now.</summary>
    IEnumerable<MeasureValue> Compute(StoreSession session, MonthlyPeriod month);
}
