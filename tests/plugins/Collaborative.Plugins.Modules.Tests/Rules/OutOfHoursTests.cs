using Collaborative.Plugins.Modules.GoldLine;

namespace Collaborative.Plugins.Modules.Tests.Rules;

public sealed class OutOfHoursTests
{
    // Times are UTC; March 2025 is GMT (UTC+0), July 2025 is BST (UTC+1).
    [Theory]
    [InlineData("2025-03-03T07:59:00Z", true)]  // Monday, before 08:00
    [InlineData("2025-03-03T08:00:00Z", false)] // Monday, the day begins
    [InlineData("2025-03-03T18:29:59Z", false)]
    [InlineData("2025-03-03T18:30:00Z", true)]  // from 18:30
    [InlineData("2025-03-03T23:10:00Z", true)]
    [InlineData("2025-03-08T12:00:00Z", true)]  // Saturday
    [InlineData("2025-03-09T12:00:00Z", true)]  // Sunday
    [InlineData("2025-07-01T07:30:00Z", false)] // 08:30 BST: in hours although 07:30 UTC
    [InlineData("2025-07-01T17:45:00Z", true)]  // 18:45 BST
    [InlineData("2025-04-18T11:00:00Z", true)]  // Good Friday
    [InlineData("2025-12-25T12:00:00Z", true)]  // Christmas Day
    [InlineData("2026-12-28T12:00:00Z", true)]  // Monday: Boxing Day 2026 is a Saturday, so this is its substitute
    public void Includes_UkLocalHoursWeekendsAndBankHolidays(string utc, bool outOfHours) =>
        Assert.Equal(outOfHours, OutOfHours.Includes(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void EasterSunday_MatchesThePublishedDates(int year, string easter) =>
        Assert.Equal(DateOnly.Parse(easter), EnglandBankHolidays.EasterSunday(year));

    [Fact]
    public void In2026_TheEightBankHolidaysOfEnglandAndWales()
    {
        string[] expected = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"];
        Assert.Equal(expected, EnglandBankHolidays.In(2026).Order().Select(d => d.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void In2022_JubileeMovesTheSpringHolidayAndAddsOne_AndTheStateFuneralIsOne()
    {
        var days = EnglandBankHolidays.In(2022);
        Assert.DoesNotContain(new DateOnly(2022, 5, 30), days);
        Assert.Contains(new DateOnly(2022, 6, 2), days);
        Assert.Contains(new DateOnly(2022, 6, 3), days);
        Assert.Contains(new DateOnly(2022, 9, 19), days);
        Assert.Contains(new DateOnly(2022, 1, 3), days);   // New Year's Day on a Saturday
        Assert.Contains(new DateOnly(2022, 12, 26), days); // Christmas on a Sunday: Boxing Day Monday,
        Assert.Contains(new DateOnly(2022, 12, 27), days); // and Christmas's substitute Tuesday
    }
}
