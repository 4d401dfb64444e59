using Collaborative.Grpc.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Grpc.Tests;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParse_EveryUnit_GivesTheDuration(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("100")]
    [InlineData("123456789S")] // nine digits: the spec allows at most eight
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void TryParse_Malformed_IsRefused(string text) => Assert.False(GrpcTimeout.TryParse(text, out _));

    [Fact]
    public void Encode_ThenParse_NeverShortensAndStaysWithinEightDigits()
    {
        var durations = Gen.Choose(1, int.MaxValue).SelectMany(a => Gen.Choose(1, 4000).Select(b => (long)a * b));
        Prop.ForAll(durations.ToArbitrary(), ticks =>
        {
            var encoded = GrpcTimeout.Encode(TimeSpan.FromTicks(ticks));
            var digits = encoded[..^1];
            return digits.Length <= 8
                && GrpcTimeout.TryParse(encoded, out var parsed)
                && parsed.Ticks >= ticks
                // Rounding up costs less than one unit of the chosen precision: under 1/100,000 of the whole.
                && parsed.Ticks - ticks <= ticks / 100_000 + 10;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_ZeroOrNegative_IsAlreadyExpiredButValid()
    {
        Assert.Equal("1n", GrpcTimeout.Encode(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Encode(TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void Encode_PicksTheFinestUnitThatFitsEightDigits()
    {
        Assert.Equal("200000m", GrpcTimeout.Encode(TimeSpan.FromSeconds(200)));
        Assert.Equal("5000000n", GrpcTimeout.Encode(TimeSpan.FromMilliseconds(5)));
    }
}
