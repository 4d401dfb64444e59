using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// The register's monthly aggregates. "On the register" at a date means: registered on or before it,
/// alive, and consent not withdrawn. A death counts in the month of its date when the person was on
/// the register that day. Preferences count as they stood on the day in question (month end, or death).
/// </summary>
internal sealed class RegisterMeasures : IMonthlyMeasures
{
    public const string RegisterSize = "eol.register-size";
    public const string PreferredPlaceRecorded = "eol.preferred-place-recorded";
    public const string DiedInPreferredPlace = "eol.died-in-preferred-place";
    public const string DiedInHospital = "eol.died-in-hospital";

    public static IReadOnlyList<MeasureContribution> Contributions { get; } =
    [
        new() { MeasureId = RegisterSize, Name = "People on the end-of-life register", Unit = "people",
            Description = "People on the register at the end of the month: registered, alive, consent not withdrawn." },
        new() { MeasureId = PreferredPlaceRecorded, Name = "Preferred place of death recorded", Unit = "percent",
            Description = "Of the people on the register at month end, the share whose 1st preferred place of death is recorded." },
        new() { MeasureId = DiedInPreferredPlace, Name = "Died in their preferred place", Unit = "percent",
            Description = "Of the register's deaths in the month with a preferred place recorded, the share who died in their 1st or 2nd choice." },
        new() { MeasureId = DiedInHospital, Name = "Died in hospital", Unit = "percent",
            Description = "Of the register's deaths in the month, the share who died in hospital (national figure: 58%)." },
    ];

    // The preference in force on a day: the latest recorded on or before it.
    private const string PreferenceOn = """
        (SELECT {0} FROM preference_history p WHERE p.record_id = r.record_id AND p.effective_on <= {1}
         ORDER BY p.effective_on DESC, p.sequence DESC LIMIT 1)
        """;

    private static readonly string OnRegisterAtEnd =
        "r.registered_on <= $end AND (r.died_on IS NULL OR r.died_on > $end) AND (r.consent_withdrawn_on IS NULL OR r.consent_withdrawn_on > $end)";

    private static readonly string DiedInMonth =
        "r.died_on BETWEEN $start AND $end AND (r.consent_withdrawn_on IS NULL OR r.consent_withdrawn_on > r.died_on)";

    public MonthlyPeriod? FirstMonthWithData(StoreSession session) =>
        session.Scalar<string>("SELECT MIN(registered_on) FROM register_record") is { } first
            ? MonthlyPeriod.Of(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public IEnumerable<MeasureValue> Compute(StoreSession session, MonthlyPeriod month)
    {
        (string, object?)[] range = [("$start", month.FirstDay), ("$end", month.LastDay)];
        var firstAtEnd = string.Format(System.Globalization.CultureInfo.InvariantCulture, PreferenceOn, "first_choice", "$end");
        var onRegister = session.Query(
            $"SELECT COUNT(*), COALESCE(SUM(CASE WHEN COALESCE({firstAtEnd}, 0) <> 0 THEN 1 ELSE 0 END), 0) FROM register_record r WHERE {OnRegisterAtEnd}",
            r => (All: r.GetInt64(0), WithPreference: r.GetInt64(1)), range).Single();

        var firstAtDeath = string.Format(System.Globalization.CultureInfo.InvariantCulture, PreferenceOn, "first_choice", "r.died_on");
        var secondAtDeath = string.Format(System.Globalization.CultureInfo.InvariantCulture, PreferenceOn, "second_choice", "r.died_on");
        var deaths = session.Query(
            $"SELECT r.place_of_death, COALESCE({firstAtDeath}, 0), COALESCE({secondAtDeath}, 0) FROM register_record r WHERE {DiedInMonth}",
            r => new RegisterDeath((PlaceOfDeath)r.GetInt32(0), (PlaceOfDeath)r.GetInt32(1), (PlaceOfDeath)r.GetInt32(2)), range);

        return Aggregate(month, onRegister.All, onRegister.WithPreference, deaths);
    }

    /// <summary>The four measures from counts and deaths; pure, so the arithmetic is testable on its own.</summary>
    internal static IEnumerable<MeasureValue> Aggregate(MonthlyPeriod month, long onRegister, long withPreferredPlace, IReadOnlyCollection<RegisterDeath> deaths)
    {
        yield return MeasureValue.Count(RegisterSize, month, onRegister);
        if (MeasureValue.Percentage(PreferredPlaceRecorded, month, withPreferredPlace, onRegister) is { } recorded)
        {
            yield return recorded;
        }

        var withPreference = deaths.Where(d => d.FirstChoice != PlaceOfDeath.Unspecified).ToList();
        if (MeasureValue.Percentage(DiedInPreferredPlace, month, withPreference.Count(d => d.DiedInPreferredPlace), withPreference.Count) is { } preferred)
        {
            yield return preferred;
        }

        if (MeasureValue.Percentage(DiedInHospital, month, deaths.Count(d => d.Place == PlaceOfDeath.Hospital), deaths.Count) is { } hospital)
        {
            yield return hospital;
        }
    }
}
