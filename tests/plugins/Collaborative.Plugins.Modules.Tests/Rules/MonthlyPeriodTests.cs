using Grpc.Core;

namespace Collaborative.Plugins.Modules.Tests.Rules;

public sealed class MonthlyPeriodTests
{
    [Theory]
    [InlineData("2026-03", 2026, 3)]
    [InlineData("0999-12", 999, 12)]
    public void TryParse_YearDashMonth(string text, int year, int month)
    {
        Assert.True(MonthlyPeriod.TryParse(text, out var period));
        Assert.Equal(new MonthlyPeriod(year, month), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2026-3")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-W10")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Other_IsRefused(string? text) => Assert.False(MonthlyPeriod.TryParse(text, out _));

    [Fact]
    public void Through_CrossesYearEnds()
    {
        var months = new MonthlyPeriod(2025, 11).Through(new MonthlyPeriod(2026, 2)).Select(m => m.ToString());
        Assert.Equal(["2025-11", "2025-12", "2026-01", "2026-02"], months);
        Assert.Empty(new MonthlyPeriod(2026, 2).Through(new MonthlyPeriod(2026, 1)));
    }

    [Fact]
    public void LastDay_KnowsLeapYears()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), new MonthlyPeriod(2028, 2).LastDay);
        Assert.Equal(new DateOnly(2026, 2, 28), new MonthlyPeriod(2026, 2).LastDay);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("12.5")]
    public void Cursor_NotIssuedByTheOutbox_IsInvalidArgument(string cursor)
    {
        var error = Assert.Throws<RpcException>(() => ObservationOutbox.ParseCursor(cursor));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("cursor", error.Status.Detail);
    }

    [Fact]
    public void Cursor_EmptyMeansFromTheBeginning() => Assert.Equal(0, ObservationOutbox.ParseCursor(""));
}
