namespace Collaborative.Programme.Definition;

/// <summary>
/// The range of every numeric setting of a programme file (alignment rule parameters carry their own,
/// <see cref="Alignment.RuleParameter"/>). Checked at load with the field named, so nothing accepted can
/// later make a check or a chart fail; the README's "Security and input limits" lists them.
/// </summary>
public static class ProgrammeLimits
{
    /// <summary><c>baseline.periods</c> and <c>changes[].baseline_periods</c>: up to ten years of weeks.</summary>
    public static readonly SettingRange BaselinePeriods = new(1, 520);

    /// <summary><c>baseline.value</c> and <c>target</c>: far beyond any count or rate a measure reports, and
    /// small enough that limits and moving ranges computed around them stay finite.</summary>
    public static readonly SettingRange MeasureValue = new(-1e12, 1e12);

    /// <summary><c>driver_diagram.primary_drivers</c>: a theory of change a team can hold in mind has a few.</summary>
    public const int MaxPrimaryDrivers = 12;

    /// <summary><c>secondary_drivers</c> of one primary driver.</summary>
    public const int MaxSecondaryDrivers = 12;

    /// <summary><c>change_ideas</c> of one secondary driver.</summary>
    public const int MaxChangeIdeas = 20;
}
