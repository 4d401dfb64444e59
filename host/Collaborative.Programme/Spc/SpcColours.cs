namespace Collaborative.Programme.Spc;

/// <summary>The Making Data Count colours, in one place for every chart and icon.</summary>
public static class SpcColours
{
    public const string CommonCause = "#a6a6a6";
    public const string Concern = "#e46c0a";
    public const string Improvement = "#00b0f0";
    public const string Neutral = "#490092";

    public static string For(VariationIcon icon) => icon switch
    {
        VariationIcon.ImprovementHigh or VariationIcon.ImprovementLow => Improvement,
        VariationIcon.ConcernHigh or VariationIcon.ConcernLow => Concern,
        VariationIcon.NeutralHigh or VariationIcon.NeutralLow => Neutral,
        _ => CommonCause,
    };

    /// <summary>Pass is shown in the improvement colour, fail in the concern colour, hit and miss in grey.</summary>
    public static string For(AssuranceIcon icon) => icon switch
    {
        AssuranceIcon.Pass => Improvement,
        AssuranceIcon.Fail => Concern,
        _ => CommonCause,
    };

    public static string For(SpecialCause cause) =>
        cause.HasFlag(SpecialCause.Improvement) ? Improvement
        : cause.HasFlag(SpecialCause.Concern) ? Concern
        : cause.HasFlag(SpecialCause.Neutral) ? Neutral
        : CommonCause;
}
