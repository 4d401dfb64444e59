using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>
/// The Gold Line's monthly aggregates. A call belongs to the UK-local month it started in. Shares are of
/// all calls that month. "Co-ordinated" means the call ended with care arranged around the person
/// (a visit arranged, services co-ordinated, or an admission avoided); "admission" means they were admitted.
/// </summary>
internal sealed class GoldLineMeasures : IMonthlyMeasures
{
    public const string Calls = "goldline.calls";
    public const string Caseload = "goldline.caseload";
    public const string CoordinatedShare = "goldline.coordinated-share";
    public const string AdmissionShare = "goldline.admission-share";
    public const string OutOfHoursShare = "goldline.out-of-hours-share";
    public const string AdmissionsAvoided = "goldline.admissions-avoided";

    public static IReadOnlyList<MeasureContribution> Contributions { get; } =
    [
        new() { MeasureId = Calls, Name = "Gold Line calls", Unit = "calls", Description = "Calls started in the month (phone and video)." },
        new() { MeasureId = Caseload, Name = "Gold Line caseload", Unit = "patients", Description = "Distinct patients the line's calls were about in the month." },
        new() { MeasureId = CoordinatedShare, Name = "Calls ending in co-ordinated care", Unit = "percent",
            Description = "Share of the month's calls that ended with a visit arranged, services co-ordinated or an admission avoided." },
        new() { MeasureId = AdmissionShare, Name = "Calls ending in admission", Unit = "percent", Description = "Share of the month's calls that ended with the patient admitted." },
        new() { MeasureId = OutOfHoursShare, Name = "Out-of-hours calls", Unit = "percent",
            Description = "Share of the month's calls before 08:00 or from 18:30 on weekdays, or on weekends and bank holidays (UK time)." },
        new() { MeasureId = AdmissionsAvoided, Name = "Calls that avoided an admission", Unit = "calls", Description = "Calls in the month whose outcome was 'admission avoided'." },
    ];

    public static IReadOnlySet<CallOutcome> Coordinated { get; } =
        new HashSet<CallOutcome> { CallOutcome.VisitArranged, CallOutcome.ServiceCoordinated, CallOutcome.AdmissionAvoided };

    public MonthlyPeriod? FirstMonthWithData(StoreSession session) =>
        MonthlyPeriod.TryParse(session.Scalar<string>("SELECT MIN(month) FROM call"), out var first) ? first : null;

    public IEnumerable<MeasureValue> Compute(StoreSession session, MonthlyPeriod month)
    {
        var calls = session.Query(
            "SELECT outcome, out_of_hours, patient_nhs_number FROM call WHERE month = $month",
            r => new CallSummary((CallOutcome)r.GetInt32(0), r.GetInt64(1) != 0, r.IsDBNull(2) ? "" : r.GetString(2)),
            ("$month", month));
        return Aggregate(month, calls);
    }

    /// <summary>The six measures from one month's calls; pure, so the arithmetic is testable on its own.</summary>
    internal static IEnumerable<MeasureValue> Aggregate(MonthlyPeriod month, IReadOnlyCollection<CallSummary> calls)
    {
        yield return MeasureValue.Count(Calls, month, calls.Count);
        yield return MeasureValue.Count(Caseload, month, calls.Where(c => c.Patient.Length > 0).Select(c => c.Patient).Distinct().Count());
        yield return MeasureValue.Count(AdmissionsAvoided, month, calls.Count(c => c.Outcome == CallOutcome.AdmissionAvoided));
        MeasureValue?[] shares =
        [
            MeasureValue.Percentage(CoordinatedShare, month, calls.Count(c => Coordinated.Contains(c.Outcome)), calls.Count),
            MeasureValue.Percentage(AdmissionShare, month, calls.Count(c => c.Outcome == CallOutcome.Admitted), calls.Count),
            MeasureValue.Percentage(OutOfHoursShare, month, calls.Count(c => c.OutOfHours), calls.Count),
        ];
        foreach (var share in shares.OfType<MeasureValue>())
        {
            yield return share;
        }
    }
}
