namespace Collaborative.Programme.Spc;

/// <summary>The Making Data Count assurance icon: will the process meet its target as it runs now?</summary>
public enum AssuranceIcon
{
    /// <summary>No assurance: no target, no improvement direction, or no limits.</summary>
    None,

    /// <summary>The target lies outside the limits on the good side: the process consistently passes.</summary>
    Pass,

    /// <summary>The target lies outside the limits on the bad side: the process consistently fails.</summary>
    Fail,

    /// <summary>The target lies between the limits: the process will hit and miss it at random.</summary>
    HitAndMiss,
}
