using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>
/// Demonstration data (COLLAB_PLUGIN_SEED=demo), deterministic for a given start date: 24 months of a
/// line that grows from ~450 to ~520 calls a month (DOMAIN.md: ~500), busiest in the day but answering
/// round the clock, a caseload of a few hundred patients in their last months, video calls from the
/// 30 patients lent iPads. NHS numbers start 999 (the range reserved for testing).
/// </summary>
internal sealed class DemoCallLog
{
    private const string Seeder = "demo-seed";

    private static readonly string[] Nurses =
        ["RN Holmes", "RN Ahmed", "RN Sutcliffe", "RN Greenwood", "RN Pickles", "RN Firth", "RN Thornton", "RN Hussain", "RN Lister", "RN Metcalfe", "RN Crabtree", "RN Walker"];

    // Relative call volume by hour of day (UK local): steady through the day, quieter at night.
    private static readonly double[] HourWeights =
        [0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.8, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.3, 1.3, 1.3, 1.3, 0.7, 0.7];

    private static readonly (CallOutcome Outcome, double Weight)[] Outcomes =
    [
        (CallOutcome.AdviceGiven, 0.46), (CallOutcome.VisitArranged, 0.18), (CallOutcome.ServiceCoordinated, 0.17),
        (CallOutcome.AdmissionAvoided, 0.09), (CallOutcome.Admitted, 0.06), (CallOutcome.Died, 0.04),
    ];

    private static readonly (CallReason Reason, double Weight)[] Reasons =
    [
        (CallReason.SymptomControl, 0.30), (CallReason.Medication, 0.18), (CallReason.CareCoordination, 0.16), (CallReason.EmotionalSupport, 0.14),
        (CallReason.Equipment, 0.06), (CallReason.Information, 0.08), (CallReason.DyingOrDeath, 0.05), (CallReason.Other, 0.03),
    ];

    private readonly StoreSession _session;
    private readonly Random _random = new(500);
    private readonly HashSet<string> _nhsNumbers = [];
    private readonly List<(string Nhs, MonthlyPeriod Until, bool HasIpad)> _caseload = [];
    private int _sequence;

    private DemoCallLog(StoreSession session) => _session = session;

    public static void SeedIfEmpty(ModuleDatabase database, ObservationOutbox outbox, DateOnly today)
    {
        database.WriteAsync(session =>
        {
            if (session.Scalar<long>("SELECT COUNT(*) FROM call") > 0)
            {
                return 0;
            }

            var first = new DemoCallLog(session).Seed(today);
            outbox.ReportFrom(session, first);
            return outbox.Republish(session, first);
        }).GetAwaiter().GetResult();
    }

    private MonthlyPeriod Seed(DateOnly today)
    {
        var current = MonthlyPeriod.Of(today);
        var first = MonthlyPeriod.Of(today.AddMonths(-23));
        var loggedAt = UkClock.FromLocal(today, new TimeOnly(0, 0));
        Enrol(first, 300);
        var index = 0;
        foreach (var month in first.Through(current))
        {
            Enrol(month, 55 + _random.Next(-6, 7));
            _caseload.RemoveAll(p => p.Until < month);
            // Only whole days before today: nothing is logged for the future.
            var days = month == current ? today.Day - 1 : month.LastDay.Day;
            var calls = (int)Math.Round((450 + 3 * index + _random.Next(-25, 26)) * days / (double)month.LastDay.Day);
            index++;
            for (var i = 0; i < calls; i++)
            {
                var call = NewCall(month.FirstDay.AddDays(_random.Next(days)));
                CallLog.Insert(_session, call, Seeder, loggedAt);
            }
        }

        return first;
    }

    private void Enrol(MonthlyPeriod month, int count)
    {
        for (var i = 0; i < count; i++)
        {
            string nhs;
            do
            {
                nhs = NhsNumber.Complete($"999{_random.Next(1_000_000):D6}")?.Digits ?? "";
            }
            while (nhs.Length == 0 || !_nhsNumbers.Add(nhs));

            var months = 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 4); // most weeks to months, a few a year
            _caseload.Add((nhs, MonthlyPeriod.Of(month.FirstDay.AddMonths(months)), _random.NextDouble() < 0.1));
        }
    }

    private GoldLineCall NewCall(DateOnly day)
    {
        var hour = Pick(HourWeights.Select((w, h) => (h, w)).ToArray());
        var started = UkClock.FromLocal(day, new TimeOnly(hour, _random.Next(60)));
        var general = _random.NextDouble() < 0.08 || _caseload.Count == 0;
        var patient = general ? default : _caseload[_random.Next(_caseload.Count)];
        var video = !general && patient.HasIpad && _random.NextDouble() < 0.6;
        var minutes = Math.Exp(Math.Log(video ? 18 : 11) + 0.5 * Gaussian());
        return new GoldLineCall
        {
            CallId = $"GL-{++_sequence:D7}",
            StartedAt = Timestamp.FromDateTimeOffset(started),
            Caller = general ? CallerKind.Professional : Pick([(CallerKind.Patient, 0.30), (CallerKind.Carer, 0.45), (CallerKind.Professional, 0.25)]),
            Channel = video ? CallChannel.Video : CallChannel.Phone,
            Reason = Pick(Reasons),
            Outcome = general ? CallOutcome.AdviceGiven : Pick(Outcomes),
            DurationSeconds = (int)Math.Clamp(minutes * 60, 60, GoldLineService.MaxDurationSeconds),
            Nurse = Nurses[_random.Next(Nurses.Length)],
            PatientNhsNumber = general ? "" : patient.Nhs,
        };
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private T Pick<T>((T Value, double Weight)[] choices)
    {
        var roll = _random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
