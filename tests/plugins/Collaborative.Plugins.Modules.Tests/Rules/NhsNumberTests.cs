namespace Collaborative.Plugins.Modules.Tests.Rules;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("6541003238", "6541003238")]
    [InlineData("654-100-3238", "6541003238")]
    [InlineData(" 943 476 5919 ", "9434765919")]
    public void TryParse_DomainExamples_AreValid(string text, string digits)
    {
        Assert.True(NhsNumber.TryParse(text, out var number, out var problem), problem);
        Assert.Equal(digits, number.Digits);
    }

    [Fact]
    public void ToString_Groups3_3_4()
    {
        NhsNumber.TryParse("9434765919", out var number, out _);
        Assert.Equal("943 476 5919", number.ToString());
    }

    [Theory]
    [InlineData("943 476 5918", "should be 9")]   // one digit off: the check digit catches it
    [InlineData("943 476 9519", "Modulus 11")]    // two digits swapped
    [InlineData("654 100 3239", "should be 8")]
    public void TryParse_WrongCheckDigit_SaysWhatItShouldBe(string text, string expected)
    {
        Assert.False(NhsNumber.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void TryParse_NineDigitsGivingCheck10_IsNeverValid()
    {
        // 1×10 + 2×9 + 3×8 + 4×7 + 5×6 + 6×5 + 7×4 + 8×3 + 9×2 = 210; 210 mod 11 = 1; 11 − 1 = 10.
        Assert.Equal(10, NhsNumber.CheckDigit("123456789"));
        for (var last = 0; last <= 9; last++)
        {
            Assert.False(NhsNumber.TryParse($"123456789{last}", out _, out var problem));
            Assert.Contains("check digit 10", problem);
        }

        Assert.Null(NhsNumber.Complete("123456789"));
    }

    [Fact]
    public void CheckDigit_Remainder0_Gives0NotEleven()
    {
        // Sum 0 → 11 − 0 = 11 → 0.
        Assert.Equal(0, NhsNumber.CheckDigit("000000000"));
        Assert.True(NhsNumber.TryParse("0000000000", out _, out _));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("943 476 591", "10 digits")]
    [InlineData("943 476 59190", "10 digits")]
    [InlineData("94347659I9", "10 digits")]
    [InlineData("943.476.5919", "10 digits")]
    public void TryParse_NotTenDigits_IsRefused(string text, string expected)
    {
        Assert.False(NhsNumber.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Complete_AddsTheCheckDigit()
    {
        Assert.Equal("9434765919", NhsNumber.Complete("943476591")!.Value.Digits);
        Assert.Equal("6541003238", NhsNumber.Complete("654100323")!.Value.Digits);
    }
}
