namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>
/// When a call counts as out of hours: outside 08:00–18:30 on a weekday, or any time on a Saturday,
/// Sunday or bank holiday in England, all in UK local time (the hours GP practices are open, so the
/// line is then the main route to help).
/// </summary>
internal static class OutOfHours
{
    public static readonly TimeOnly DayStarts = new(8, 0);
    public static readonly TimeOnly DayEnds = new(18, 30);

    public static bool Includes(DateTimeOffset instant)
    {
        var local = UkClock.ToLocal(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            || EnglandBankHolidays.IsBankHoliday(date)
            || time < DayStarts
            || time >= DayEnds;
    }
}
