using Collaborative.Programme.Spc;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// The Making Data Count icons as inline SVG, each with its text alternative (aria-label and title) and a
/// visible caption, so the meaning never rests on colour alone and survives printing in black and white.
/// </summary>
internal static class SpcIconHtml
{
    public static string Variation(Contract.GoalProgress progress)
    {
        var icon = (VariationIcon)(int)progress.Variation;
        var text = VariationText(icon, progress.NoLimitsReason);
        var letter = icon switch
        {
            VariationIcon.ImprovementHigh or VariationIcon.ConcernHigh or VariationIcon.NeutralHigh => "H",
            VariationIcon.ImprovementLow or VariationIcon.ConcernLow or VariationIcon.NeutralLow => "L",
            VariationIcon.CommonCause => "~",
            _ => "–",
        };
        return Icon("variation", icon == VariationIcon.None ? "#ffffff" : SpcColours.For(icon), letter, text, icon.ToString());
    }

    public static string Assurance(Contract.GoalProgress progress)
    {
        var icon = (AssuranceIcon)(int)progress.Assurance;
        var text = AssuranceText(icon, progress.NoAssuranceReason);
        var letter = icon switch
        {
            AssuranceIcon.Pass => "P",
            AssuranceIcon.Fail => "F",
            AssuranceIcon.HitAndMiss => "?",
            _ => "–",
        };
        return Icon("assurance", icon == AssuranceIcon.None ? "#ffffff" : SpcColours.For(icon), letter, text, icon.ToString());
    }

    public static string VariationText(VariationIcon icon, string noLimitsReason) => icon switch
    {
        VariationIcon.CommonCause => "Common cause variation",
        VariationIcon.ImprovementHigh => "Special cause improvement (high)",
        VariationIcon.ImprovementLow => "Special cause improvement (low)",
        VariationIcon.ConcernHigh => "Special cause concern (high)",
        VariationIcon.ConcernLow => "Special cause concern (low)",
        VariationIcon.NeutralHigh => "Special cause, neutral (high)",
        VariationIcon.NeutralLow => "Special cause, neutral (low)",
        _ => noLimitsReason.Length > 0 ? $"No variation icon: {noLimitsReason}" : "No variation icon",
    };

    public static string AssuranceText(AssuranceIcon icon, string noAssuranceReason) => icon switch
    {
        AssuranceIcon.Pass => "Assurance: the process consistently passes the target",
        AssuranceIcon.Fail => "Assurance: the process consistently fails the target",
        AssuranceIcon.HitAndMiss => "Assurance: hit and miss, the target lies within the process limits",
        _ => noAssuranceReason.Length > 0 ? $"No assurance icon: {noAssuranceReason}" : "No assurance icon",
    };

    private static string Icon(string kind, string fill, string letter, string text, string name)
    {
        var ink = fill == "#ffffff" ? "#4c6272" : "#ffffff";
        return $"""
            <span class="icon {kind}" data-icon="{E(name)}"><svg class="icon-mark" viewBox="0 0 40 40" width="40" height="40" role="img" aria-label="{E(text)}"><title>{E(text)}</title><circle cx="20" cy="20" r="18" fill="{fill}" stroke="#4c6272" stroke-width="1.5"/><text x="20" y="27" text-anchor="middle" font-size="20" font-weight="700" fill="{ink}" aria-hidden="true">{E(letter)}</text></svg><span class="icon-text">{E(text)}</span></span>
            """;
    }
}
