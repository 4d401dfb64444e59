using System.Globalization;

namespace Collaborative.Plugins.Modules;

/// <summary>A calendar month, the period every module reports in: "YYYY-MM" on the wire (observation.proto).</summary>
public readonly record struct MonthlyPeriod(int Year, int Month) : IComparable<MonthlyPeriod>
{
    public static MonthlyPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public MonthlyPeriod Next => Of(FirstDay.AddMonths(1));

    public MonthlyPeriod Previous => Of(FirstDay.AddMonths(-1));

    /// <summary>Months from this one through <paramref name="last"/>, inclusive; empty when last is earlier.</summary>
    public IEnumerable<MonthlyPeriod> Through(MonthlyPeriod last)
    {
        for (var month = this; month.CompareTo(last) <= 0; month = month.Next)
        {
            yield return month;
        }
    }

    public static bool TryParse(string? text, out MonthlyPeriod period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        period = new MonthlyPeriod(year, month);
        return true;
    }

    public int CompareTo(MonthlyPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(MonthlyPeriod left, MonthlyPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(MonthlyPeriod left, MonthlyPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(MonthlyPeriod left, MonthlyPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MonthlyPeriod left, MonthlyPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
