namespace Collaborative.Programme.Spc;

/// <summary>
/// Which Making Data Count rules fired on a point, and on which side. High/low is the side of the mean
/// for rules 1, 2 and 4; for a trend it is the trend's direction (rising = high), whatever the side.
/// </summary>
[Flags]
public enum SpcSignals
{
    None = 0,

    /// <summary>Rule 1: above the upper process limit.</summary>
    OutsideHigh = 1 << 0,

    /// <summary>Rule 1: below the lower process limit.</summary>
    OutsideLow = 1 << 1,

    /// <summary>Rule 2: part of a run of 7 or more points above the mean.</summary>
    ShiftHigh = 1 << 2,

    /// <summary>Rule 2: part of a run of 7 or more points below the mean.</summary>
    ShiftLow = 1 << 3,

    /// <summary>Rule 3: part of 7 or more points each higher than the one before.</summary>
    TrendUp = 1 << 4,

    /// <summary>Rule 3: part of 7 or more points each lower than the one before.</summary>
    TrendDown = 1 << 5,

    /// <summary>Rule 4: one of two (or three) of three points in or beyond the upper near-limit band.</summary>
    TwoOfThreeHigh = 1 << 6,

    /// <summary>Rule 4: one of two (or three) of three points in or beyond the lower near-limit band.</summary>
    TwoOfThreeLow = 1 << 7,

    High = OutsideHigh | ShiftHigh | TrendUp | TwoOfThreeHigh,

    Low = OutsideLow | ShiftLow | TrendDown | TwoOfThreeLow,
}
