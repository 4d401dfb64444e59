namespace Collaborative.Plugins.Modules;

/// <summary>One aggregate value of one measure for one month: never about a person.</summary>
public sealed record MeasureValue(string MeasureId, MonthlyPeriod Period, double Value, double? Numerator = null, double? Denominator = null)
{
    public static MeasureValue Count(string measureId, MonthlyPeriod period, long count) => new(measureId, period, count);

    /// <summary>
    /// 100 × numerator ÷ denominator, with both carried so the host can pool months correctly; null when
    /// the denominator is 0 (no deaths, no calls: "0 %" would be a claim the data cannot make).
    /// </summary>
    public static MeasureValue? Percentage(string measureId, MonthlyPeriod period, long numerator, long denominator)
    {
        if (numerator < 0 || denominator < 0 || numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), $"{measureId} {period}: {numerator} of {denominator} is not a proportion.");
        }

        return denominator == 0 ? null : new MeasureValue(measureId, period, 100.0 * numerator / denominator, numerator, denominator);
    }
}
