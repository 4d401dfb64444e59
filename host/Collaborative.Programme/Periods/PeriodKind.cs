namespace Collaborative.Programme.Periods;

/// <summary>How often a measure is counted: each calendar month or each ISO week (Monday to Sunday).</summary>
public enum PeriodKind
{
    Month,
    Week,
}
