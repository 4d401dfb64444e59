using System.Globalization;

namespace Collaborative.Grpc.Internal;

/// <summary>
/// The <c>grpc-timeout</c> header. Spec: Timeout → TimeoutValue TimeoutUnit, TimeoutValue → {positive
/// integer as ASCII string of at most 8 digits}, TimeoutUnit → Hour / Minute / Second / Millisecond /
/// Microsecond / Nanosecond ("H" / "M" / "S" / "m" / "u" / "n").
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    // Units from finest to coarsest, with their length in 100-ns ticks (nanoseconds handled apart).
    private static readonly (char Unit, long Ticks)[] s_units =
    [
        ('u', 10),
        ('m', TimeSpan.TicksPerMillisecond),
        ('S', TimeSpan.TicksPerSecond),
        ('M', TimeSpan.TicksPerMinute),
        ('H', TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text.Length > 9)
        {
            return false;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        switch (text[^1])
        {
            case 'n':
                timeout = TimeSpan.FromTicks(value / 100);
                return true;
            case 'u':
                timeout = TimeSpan.FromTicks(value * 10);
                return true;
            case 'm':
                timeout = TimeSpan.FromTicks(value * TimeSpan.TicksPerMillisecond);
                return true;
            case 'S':
                timeout = TimeSpan.FromTicks(value * TimeSpan.TicksPerSecond);
                return true;
            case 'M':
                timeout = TimeSpan.FromTicks(value * TimeSpan.TicksPerMinute);
                return true;
            case 'H':
                timeout = TimeSpan.FromTicks(value * TimeSpan.TicksPerHour);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Encodes in the finest unit whose value fits in 8 digits, rounding up so a deadline is never
    /// made shorter than asked. Non-positive timeouts become "1n" (already expired, still valid).
    /// </summary>
    public static string Encode(TimeSpan timeout)
    {
        var ticks = timeout.Ticks;
        if (ticks <= 0)
        {
            return "1n";
        }

        if (ticks <= MaxValue / 100)
        {
            return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "n";
        }

        foreach (var (unit, unitTicks) in s_units)
        {
            var value = (ticks + unitTicks - 1) / unitTicks;
            if (value <= MaxValue)
            {
                return value.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
