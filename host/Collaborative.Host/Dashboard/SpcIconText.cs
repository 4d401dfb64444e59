using Collaborative.Programme.Spc;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// What each Making Data Count icon says in words: the text alternative of its SVG and the caption beside it,
/// so the meaning never rests on colour or shape alone and survives printing in black and white.
/// </summary>
internal static class SpcIconText
{
    public static string Variation(VariationIcon icon, string noLimitsReason) => icon switch
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

    public static string Assurance(AssuranceIcon icon, string noAssuranceReason) => icon switch
    {
        AssuranceIcon.Pass => "Assurance: the process consistently passes the target",
        AssuranceIcon.Fail => "Assurance: the process consistently fails the target",
        AssuranceIcon.HitAndMiss => "Assurance: hit and miss, the target lies within the process limits",
        _ => noAssuranceReason.Length > 0 ? $"No assurance icon: {noAssuranceReason}" : "No assurance icon",
    };
}
