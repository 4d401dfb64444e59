using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>Making Data Count icons as words and colours, and the trend of the last two points.</summary>
internal static class MakingDataCount
{
    // The colours NHS Making Data Count uses for its icons.
    public static readonly Color Improvement = new(0x00, 0xb0, 0xf0);
    public static readonly Color Concern = new(0xe4, 0x6c, 0x0a);
    public static readonly Color Neutral = new(0x49, 0x00, 0x92);
    public static readonly Color CommonCause = new(0xa6, 0xa6, 0xa6);

    public static string Words(VariationIcon icon) => icon switch
    {
        VariationIcon.VariationCommonCause => "common cause",
        VariationIcon.VariationImprovementHigh => "improvement (high)",
        VariationIcon.VariationImprovementLow => "improvement (low)",
        VariationIcon.VariationConcernHigh => "concern (high)",
        VariationIcon.VariationConcernLow => "concern (low)",
        VariationIcon.VariationNeutralHigh => "neutral (high)",
        VariationIcon.VariationNeutralLow => "neutral (low)",
        _ => "no icon",
    };

    public static Color? ColourOf(VariationIcon icon) => icon switch
    {
        VariationIcon.VariationCommonCause => CommonCause,
        VariationIcon.VariationImprovementHigh or VariationIcon.VariationImprovementLow => Improvement,
        VariationIcon.VariationConcernHigh or VariationIcon.VariationConcernLow => Concern,
        VariationIcon.VariationNeutralHigh or VariationIcon.VariationNeutralLow => Neutral,
        _ => null,
    };

    public static string Words(AssuranceIcon icon) => icon switch
    {
        AssuranceIcon.AssurancePass => "consistently passing",
        AssuranceIcon.AssuranceFail => "consistently failing",
        AssuranceIcon.AssuranceHitAndMiss => "hit and miss",
        _ => "no assurance",
    };

    public static Color? ColourOf(AssuranceIcon icon) => icon switch
    {
        AssuranceIcon.AssurancePass => Improvement,
        AssuranceIcon.AssuranceFail => Concern,
        AssuranceIcon.AssuranceHitAndMiss => CommonCause,
        _ => null,
    };

    /// <summary>"up", "down" or "flat" from the last two points; null with fewer than two.</summary>
    public static string? Trend(GoalProgress progress) => progress.Points.Count < 2
        ? null
        : progress.Points[^1].Value.CompareTo(progress.Points[^2].Value) switch
        {
            > 0 => "up",
            < 0 => "down",
            _ => "flat",
        };

    public static string Arrow(string? trend) => trend switch
    {
        "up" => "↑",
        "down" => "↓",
        "flat" => "→",
        _ => "",
    };

    /// <summary>Text in a colour (escaped), or plain when there is none.</summary>
    public static string Paint(string text, Color? colour) =>
        colour is { } c ? $"[{c.ToMarkup()}]{Markup.Escape(text)}[/]" : Markup.Escape(text);

    /// <summary>The point's Making Data Count colour: improvement, concern, neutral or common cause.</summary>
    public static Color ColourOf(ProgressPoint point) =>
        point.Improvement ? Improvement : point.Concern ? Concern : point.Neutral ? Neutral : CommonCause;
}
