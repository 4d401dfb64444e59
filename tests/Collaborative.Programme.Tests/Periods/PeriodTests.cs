using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Tests.Periods;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2025-03", "2025-03-01", "2025-03")]
    [InlineData("2025-03-01", "2025-03-01", "2025-03")]
    [InlineData(" 2024-12 ", "2024-12-01", "2024-12")]
    public void Month_ParsesShortAndFirstDayForms(string text, string canonical, string label)
    {
        var period = Period.Parse(text, PeriodKind.Month);
        Assert.Equal(canonical, period.ToString());
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("2025-W10", "2025-03-03", "2025-W10")]
    [InlineData("2025-03-03", "2025-03-03", "2025-W10")]
    [InlineData("2020-W53", "2020-12-28", "2020-W53")]   // 2020 has 53 ISO weeks
    [InlineData("2025-W01", "2024-12-30", "2025-W01")]   // ISO week 1 of 2025 starts in 2024
    public void Week_ParsesIsoWeekAndMondayForms(string text, string canonical, string label)
    {
        var period = Period.Parse(text, PeriodKind.Week);
        Assert.Equal(canonical, period.ToString());
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("2025-13", PeriodKind.Month, "'2025-13' is not a month; expected 'YYYY-MM' or the first day 'YYYY-MM-01'")]
    [InlineData("2025-03-04", PeriodKind.Week, "'2025-03-04' is a Tuesday; a weekly period is written 'YYYY-Www' or as its Monday")]
    [InlineData("2025-W53", PeriodKind.Week, "'2025-W53' is not an ISO week; 2025 has weeks 01 to 52")]
    [InlineData("March", PeriodKind.Week, "'March' is not a week; expected an ISO week 'YYYY-Www' or its Monday 'YYYY-MM-DD'")]
    public void Invalid_SaysWhatWasExpected(string text, PeriodKind kind, string expected)
    {
        Assert.False(Period.TryParse(text, kind, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Arithmetic_StepsAcrossYearEnds()
    {
        Assert.Equal(Period.Month(2025, 1), Period.Month(2024, 12).Next());
        Assert.Equal(Period.IsoWeek(2026, 1), Period.IsoWeek(2025, 52).Next());
        Assert.Equal(14, Period.Month(2024, 11).StepsTo(Period.Month(2026, 1)));
        Assert.Equal(Period.Month(2025, 11), Period.Containing(new DateOnly(2025, 11, 20), PeriodKind.Month));
        Assert.Equal(Period.IsoWeek(2025, 47), Period.Containing(new DateOnly(2025, 11, 23), PeriodKind.Week)); // a Sunday
        Assert.Equal(new DateOnly(2024, 2, 29), Period.Month(2024, 2).End);
    }
}
