using Collaborative.Plugins.Modules.EndOfLife;

namespace Collaborative.Plugins.Modules.Tests.Rules;

public sealed class ReviewDateRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("2026-03-10")] // today
    [InlineData("2026-04-30")]
    [InlineData("2026-06-10")] // exactly 3 months ahead
    public void Check_TodayUpTo3MonthsAhead_IsAllowed(string review) =>
        Assert.Null(ReviewDateRule.Check(DateOnly.Parse(review), Today));

    [Fact]
    public void Check_OneDayPast3Months_IsRefusedNamingTheLatestDate()
    {
        var problem = ReviewDateRule.Check(new DateOnly(2026, 6, 11), Today);
        Assert.NotNull(problem);
        Assert.Contains("more than 3 months ahead", problem);
        Assert.Contains("2026-06-10", problem);
    }

    [Fact]
    public void Check_InThePast_IsRefused()
    {
        var problem = ReviewDateRule.Check(new DateOnly(2026, 3, 9), Today);
        Assert.NotNull(problem);
        Assert.Contains("in the past", problem);
    }

    [Fact]
    public void Latest_FromAMonthEnd_StopsAtTheShorterMonthsEnd() =>
        Assert.Equal(new DateOnly(2027, 2, 28), ReviewDateRule.Latest(new DateOnly(2026, 11, 30)));
}
