using System.Collections.Concurrent;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>
/// Bank holidays in England and Wales: the fixed rules (with weekend substitutes), Easter, and the
/// one-off changes proclaimed for royal occasions. Computed rather than listed, so the out-of-hours
/// measure stays right in years nobody typed in.
/// </summary>
internal static class EnglandBankHolidays
{
    private static readonly ConcurrentDictionary<int, HashSet<DateOnly>> ByYear = new();

    // Proclaimed one-offs: extra days, and regular days moved by proclamation.
    private static readonly DateOnly[] Extra =
    [
        new(1999, 12, 31), new(2002, 6, 3), new(2011, 4, 29), new(2012, 6, 5), new(2022, 6, 3), new(2022, 9, 19), new(2023, 5, 8),
    ];

    private static readonly (DateOnly Regular, DateOnly Moved)[] Moved =
    [
        (new(1995, 5, 1), new(1995, 5, 8)),   // VE day 50th anniversary
        (new(2002, 5, 27), new(2002, 6, 4)),  // Golden Jubilee
        (new(2012, 5, 28), new(2012, 6, 4)),  // Diamond Jubilee
        (new(2020, 5, 4), new(2020, 5, 8)),   // VE day 75th anniversary
        (new(2022, 5, 30), new(2022, 6, 2)),  // Platinum Jubilee
    ];

    public static bool IsBankHoliday(DateOnly date) => ByYear.GetOrAdd(date.Year, Compute).Contains(date);

    public static IReadOnlyCollection<DateOnly> In(int year) => ByYear.GetOrAdd(year, Compute);

    internal static DateOnly EasterSunday(int year)
    {
        // Anonymous Gregorian computus (Meeus/Jones/Butcher).
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static HashSet<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        // Christmas and Boxing Day: a day falling at the weekend moves to the next free weekday.
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        days.Add(christmas);
        var boxing = NextWeekday(new DateOnly(year, 12, 26));
        days.Add(boxing <= christmas ? NextWeekday(christmas.AddDays(1)) : boxing);

        foreach (var (regular, moved) in Moved.Where(m => m.Regular.Year == year))
        {
            days.Remove(regular);
            days.Add(moved);
        }

        days.UnionWith(Extra.Where(d => d.Year == year));
        return days;
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
