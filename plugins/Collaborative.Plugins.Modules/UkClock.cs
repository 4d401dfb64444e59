namespace Collaborative.Plugins.Modules;

/// <summary>
/// Time as NHS staff read it: UK local time (Europe/London, GMT/BST). "Today", review dates and
/// out-of-hours all follow the wall clock on the ward, not UTC.
/// </summary>
public sealed class UkClock(TimeProvider time)
{
    private static readonly TimeZoneInfo London = FindLondon();

    public static UkClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow).DateTime);

    public MonthlyPeriod CurrentMonth => MonthlyPeriod.Of(Today);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>The instant a UK wall-clock time happened; a time skipped when clocks go forward counts as an hour later.</summary>
    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly timeOfDay)
    {
        var local = date.ToDateTime(timeOfDay, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, London), TimeSpan.Zero);
    }

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // No tz database (a bare container): UTC is wrong by an hour in summer, which beats not starting.
            return TimeZoneInfo.Utc;
        }
    }
}
