using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Collaborative.Programme.Periods;

/// <summary>
/// One month or one ISO week of a measure's series, identified by its first day. The canonical text is
/// the first day as an ISO date ("2025-03-01" for March 2025, the Monday "2025-03-03" for 2025-W10),
/// the same form observation.proto carries, so a period round-trips through the wire unchanged.
/// Parsing also accepts the shorter human forms "2025-03" (month) and "2025-W10" (ISO week).
/// </summary>
public readonly record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, DateOnly start)
    {
        Kind = kind;
        Start = start;
    }

    public PeriodKind Kind { get; }

    /// <summary>The first day: the 1st of the month, or the Monday of the ISO week.</summary>
    public DateOnly Start { get; }

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Next().Start.AddDays(-1);

    /// <summary>Short label for people: "2025-03" or "2025-W10".</summary>
    public string Label => Kind == PeriodKind.Month
        ? Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):D2}";

    public static Period Month(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, 1));

    public static Period IsoWeek(int year, int week) =>
        new(PeriodKind.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));

    /// <summary>The period of the given kind that contains a day.</summary>
    public static Period Containing(DateOnly day, PeriodKind kind) => kind == PeriodKind.Month
        ? new Period(PeriodKind.Month, new DateOnly(day.Year, day.Month, 1))
        : new Period(PeriodKind.Week, day.AddDays(-(((int)day.DayOfWeek + 6) % 7)));

    public Period Next() => Kind == PeriodKind.Month
        ? new Period(Kind, Start.AddMonths(1))
        : new Period(Kind, Start.AddDays(7));

    public Period Previous() => Kind == PeriodKind.Month
        ? new Period(Kind, Start.AddMonths(-1))
        : new Period(Kind, Start.AddDays(-7));

    public Period Plus(int periods) => Kind == PeriodKind.Month
        ? new Period(Kind, Start.AddMonths(periods))
        : new Period(Kind, Start.AddDays(7 * periods));

    /// <summary>How many periods from this one to <paramref name="later"/> (1 for the next period).</summary>
    public int StepsTo(Period later)
    {
        if (later.Kind != Kind)
        {
            throw new ArgumentException($"Cannot count from a {Kind} period to a {later.Kind} period.", nameof(later));
        }

        return Kind == PeriodKind.Month
            ? (later.Start.Year - Start.Year) * 12 + later.Start.Month - Start.Month
            : (later.Start.DayNumber - Start.DayNumber) / 7;
    }

    /// <summary>Parses a period of a known kind; the error says what was expected.</summary>
    public static bool TryParse(string? text, PeriodKind kind, out Period period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        var s = text?.Trim() ?? string.Empty;
        if (kind == PeriodKind.Month)
        {
            if (DateOnly.TryParseExact(s, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                period = new Period(kind, month);
                error = null;
                return true;
            }

            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                if (day.Day != 1)
                {
                    error = $"'{s}' is not the first day of a month; a monthly period is written '{day:yyyy-MM}' or '{day:yyyy-MM}-01'";
                    return false;
                }

                period = new Period(kind, day);
                error = null;
                return true;
            }

            error = $"'{s}' is not a month; expected 'YYYY-MM' or the first day 'YYYY-MM-01'";
            return false;
        }

        if (s.Length == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w')
            && int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(s.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week))
        {
            if (year < 1 || year > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                error = $"'{s}' is not an ISO week; {year} has weeks 01 to {(year is >= 1 and <= 9998 ? ISOWeek.GetWeeksInYear(year) : 52):D2}";
                return false;
            }

            period = IsoWeek(year, week);
            error = null;
            return true;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monday))
        {
            if (monday.DayOfWeek != DayOfWeek.Monday)
            {
                error = $"'{s}' is a {monday.DayOfWeek}; a weekly period is written 'YYYY-Www' or as its Monday";
                return false;
            }

            period = new Period(kind, monday);
            error = null;
            return true;
        }

        error = $"'{s}' is not a week; expected an ISO week 'YYYY-Www' or its Monday 'YYYY-MM-DD'";
        return false;
    }

    public static Period Parse(string text, PeriodKind kind) =>
        TryParse(text, kind, out var period, out var error) ? period : throw new FormatException(error);

    public int CompareTo(Period other) => Start.CompareTo(other.Start);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical wire form: the first day as an ISO date.</summary>
    public override string ToString() => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
