using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// Demonstration data (COLLAB_PLUGIN_SEED=demo), deterministic for a given start date: an ICS of
/// 500,000 people in three commissioning areas with ~950 people on the register, ~70 joining and
/// ~70 dying each month, 24 months of history. Places of death follow DOMAIN.md: most people die
/// where they chose; about 13% of the register's deaths are in hospital (national: 58%).
/// NHS numbers start 999, the range reserved for testing, so none is a real person's.
/// </summary>
internal sealed class DemoRegister
{
    private const string Seeder = "demo-seed";
    private const int MonthlyRegistrations = 71;
    private const double MonthlyDeathRate = 0.071;

    private static readonly (string Area, double Weight, string[] Towns, string[] Practices)[] Areas =
    [
        ("Wharfe Valley North", 0.45, ["Otley", "Ilkley", "Burley"], ["Riverside Surgery", "Moor Lane Medical Practice", "Ilkley Health Centre"]),
        ("Aire Valley", 0.35, ["Keighley", "Silsden", "Bingley"], ["Cavendish Medical Centre", "Silsden Health Centre", "Bingley Group Practice"]),
        ("Craven Dales", 0.20, ["Skipton", "Settle", "Grassington"], ["Dyneley House Surgery", "Townhead Surgery", "Fisher Medical Centre"]),
    ];

    private static readonly string[] GivenNames =
        ["Margaret", "John", "Dorothy", "William", "Joan", "George", "Betty", "Peter", "Patricia", "David", "Jean", "Brian", "Sheila", "Kenneth", "Barbara", "Ronald", "Mary", "Alan", "Irene", "Derek", "Shirley", "Anwar", "Nasreen", "Mohammed", "Kathleen", "Stanley"];

    private static readonly string[] FamilyNames =
        ["Smith", "Hartley", "Sutcliffe", "Greenwood", "Akroyd", "Whitaker", "Holmes", "Pickles", "Shackleton", "Hussain", "Ahmed", "Thornton", "Firth", "Crabtree", "Lister", "Metcalfe", "Robinson", "Wood", "Walker", "Clegg"];

    private static readonly string[] Streets = ["Station Road", "Main Street", "Church Lane", "Moor View", "Beck Side", "Mill Fold", "High Street", "Dale Crescent"];

    private static readonly (string Diagnosis, double Weight)[] Diagnoses =
    [
        ("Lung cancer", 0.12), ("Colorectal cancer", 0.08), ("Breast cancer", 0.06), ("Prostate cancer", 0.06), ("Pancreatic cancer", 0.05),
        ("Other cancer", 0.08), ("Heart failure", 0.12), ("COPD", 0.10), ("Dementia", 0.15), ("Frailty", 0.10), ("Motor neurone disease", 0.03),
        ("End-stage renal disease", 0.05),
    ];

    private static readonly (PlaceOfDeath Place, double Weight)[] FirstChoices =
        [(PlaceOfDeath.Home, 0.48), (PlaceOfDeath.CareHome, 0.24), (PlaceOfDeath.Hospice, 0.18), (PlaceOfDeath.Hospital, 0.06), (PlaceOfDeath.Elsewhere, 0.04)];

    // Where people die when it is not where they chose (or nobody asked).
    private static readonly (PlaceOfDeath Place, double Weight)[] OtherPlaces =
        [(PlaceOfDeath.Hospital, 0.28), (PlaceOfDeath.Home, 0.27), (PlaceOfDeath.CareHome, 0.27), (PlaceOfDeath.Hospice, 0.12), (PlaceOfDeath.Elsewhere, 0.06)];

    private readonly StoreSession _session;
    private readonly Random _random = new(1580);
    private readonly HashSet<string> _nhsNumbers = [];
    // Preferences recorded some weeks after joining: they apply only if the person lives to see that day.
    private readonly Dictionary<string, (DateOnly On, PlacePreferences Preferences)> _pendingPreferences = [];
    private int _sequence;

    private DemoRegister(StoreSession session) => _session = session;

    /// <summary>Seeds an empty register; does nothing when it already holds records (a restart keeps what it had).</summary>
    public static void SeedIfEmpty(ModuleDatabase database, ObservationOutbox outbox, DateOnly today)
    {
        database.WriteAsync(session =>
        {
            if (session.Scalar<long>("SELECT COUNT(*) FROM register_record") > 0)
            {
                return 0;
            }

            var first = new DemoRegister(session).Seed(today);
            outbox.ReportFrom(session, first);
            return outbox.Republish(session, first);
        }).GetAwaiter().GetResult();
    }

    private MonthlyPeriod Seed(DateOnly today)
    {
        var random = _random;
        var session = _session;
        var current = MonthlyPeriod.Of(today);
        var firstReported = MonthlyPeriod.Of(today.AddMonths(-23));
        var alive = new List<RegisterRecord>();

        // People already on the register when the history starts joined over the year before it.
        var simulationStart = firstReported.Previous;
        for (var i = 0; i < 940; i++)
        {
            var joined = simulationStart.FirstDay.AddDays(-random.Next(365));
            alive.Add(NewPerson(joined));
        }

        foreach (var month in firstReported.Through(current))
        {
            var lastDay = month == current ? today : month.LastDay;
            var share = (lastDay.Day) / (double)month.LastDay.Day;
            var joining = (int)Math.Round((MonthlyRegistrations + random.Next(-8, 9)) * share);
            for (var i = 0; i < joining; i++)
            {
                alive.Add(NewPerson(month.FirstDay.AddDays(random.Next(lastDay.Day))));
            }

            foreach (var person in alive.ToList())
            {
                var joined = DateOnly.Parse(person.RegisteredOn, System.Globalization.CultureInfo.InvariantCulture);
                if (random.NextDouble() >= MonthlyDeathRate * share)
                {
                    continue;
                }

                var earliest = joined > month.FirstDay ? joined : month.FirstDay;
                if (earliest > lastDay)
                {
                    continue;
                }

                var died = earliest.AddDays(random.Next(lastDay.DayNumber - earliest.DayNumber + 1));
                Die(person, died);
                alive.Remove(person);
            }

            // A few people withdraw consent to share (about 1 in 200 over their time on the register).
            if (alive.Count > 0 && random.NextDouble() < 0.35)
            {
                var person = alive[random.Next(alive.Count)];
                var joined = DateOnly.Parse(person.RegisteredOn, System.Globalization.CultureInfo.InvariantCulture);
                var on = joined > month.FirstDay ? joined : month.FirstDay;
                if (on <= lastDay)
                {
                    person.Consent.Withdrawn = true;
                    person.Consent.WithdrawnOn = RequestField.Format(on);
                    person.Consent.WithdrawalReason = "Did not want the record shared beyond the GP practice";
                    RegisterStore.Save(session, person);
                    RegisterStore.Audit(session, Seeder, "consent.withdrawn", person.RecordId, $"consent withdrawn on {person.Consent.WithdrawnOn}", At(on).ToDateTimeOffset());
                    alive.Remove(person);
                }
            }
        }

        // Living people have a review planned within the next 3 months; a few are overdue.
        foreach (var person in alive)
        {
            ApplyPendingPreference(person, today);
            var review = random.NextDouble() < 0.07 ? today.AddDays(-random.Next(1, 21)) : today.AddDays(random.Next(1, 85));
            person.PlannedReviewDate = RequestField.Format(review);
            RegisterStore.Save(session, person);
        }

        return firstReported;
    }

    private RegisterRecord NewPerson(DateOnly joined)
    {
        var random = _random;
        var session = _session;
        var sequence = ++_sequence;
        var (area, _, towns, practices) = Pick(random, Areas.Select(a => (a, a.Weight)).ToArray());
        var age = 62 + (int)(34 * Math.Sqrt(random.NextDouble()));
        var born = joined.AddYears(-age).AddDays(-random.Next(365));
        var given = GivenNames[random.Next(GivenNames.Length)];
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var hasCarer = random.NextDouble() < 0.8;
        var created = At(joined);
        var record = new RegisterRecord
        {
            RecordId = $"EOL-{sequence:D6}",
            RegisteredOn = RequestField.Format(joined),
            CreatedAt = created,
            AmendedAt = created,
            Person = new PersonDetails
            {
                Name = $"{given} {family}",
                DateOfBirth = RequestField.Format(born),
                Address = $"{random.Next(1, 120)} {Streets[random.Next(Streets.Length)]}, {towns[random.Next(towns.Length)]}",
                NhsNumber = NewNhsNumber(random, _nhsNumbers).ToString(),
                NhsNumberStatus = random.NextDouble() < 0.97 ? NhsNumberStatus.Verified : NhsNumberStatus.PresentNotTraced,
                MainCarer = hasCarer ? $"{GivenNames[random.Next(GivenNames.Length)]} {family} ({(random.NextDouble() < 0.6 ? "spouse" : "daughter")})" : "",
                CarerSupportAvailable = hasCarer && random.NextDouble() < 0.75,
                PreferredLanguage = random.NextDouble() < 0.06 ? "Urdu" : "English",
                CommissioningArea = area,
            },
            Care = new CareDetails
            {
                GpName = $"Dr {FamilyNames[random.Next(FamilyNames.Length)]}",
                GpPractice = practices[random.Next(practices.Length)],
                KeyWorker = random.NextDouble() < 0.7 ? "District nursing team" : "Community palliative care nurse specialist",
                PrimaryDiagnosis = Pick(random, Diagnoses),
                Prognosis = (Prognosis)random.Next(2, 5),
                AnticipatoryMedicines = new AnticipatoryMedicines { Issued = random.NextDouble() < 0.6, WhereKept = "At home, in the just-in-case box" },
                AdvanceDecision = new AdvanceDecision { Exists = random.NextDouble() < 0.08 },
                WelfareAttorney = new WelfareAttorney { Exists = random.NextDouble() < 0.12 },
            },
            Consent = new Consent
            {
                Basis = Pick(random, [(ConsentBasis.Explicit, 0.78), (ConsentBasis.BestInterest, 0.17), (ConsentBasis.LastingPowerOfAttorney, 0.05)]),
                RecordedOn = RequestField.Format(joined),
            },
            Cpr = random.NextDouble() < 0.75
                ? new CprDecision { DecisionMade = true, Decision = CprOutcome.DoNotAttemptCpr, DecisionDate = RequestField.Format(joined), WhereDocumented = "ReSPECT form at home" }
                : new CprDecision(),
            Preferences = new PlacePreferences(),
        };

        // Most preferences are recorded when the person joins; some a few weeks later; some never.
        var chance = random.NextDouble();
        var first = Pick(random, FirstChoices);
        var second = Pick(random, FirstChoices.Where(c => c.Place != first).ToArray());
        var preferences = new PlacePreferences { FirstChoice = first, SecondChoice = random.NextDouble() < 0.6 ? second : PlaceOfDeath.Unspecified };
        if (chance < 0.72)
        {
            record.Preferences = preferences;
        }

        RegisterStore.Insert(session, record);
        RegisterStore.Audit(session, Seeder, "record.registered", record.RecordId, $"registered on {record.RegisteredOn}; {RegisterStore.Describe(record.Preferences)}", created.ToDateTimeOffset());
        if (chance is >= 0.72 and < 0.87)
        {
            var later = joined.AddDays(random.Next(7, 56));
            _pendingPreferences[record.RecordId] = (later, preferences);
        }

        return record;
    }

    private void Die(RegisterRecord person, DateOnly died)
    {
        var random = _random;
        var session = _session;
        ApplyPendingPreference(person, died);
        var first = person.Preferences.FirstChoice;
        var second = person.Preferences.SecondChoice;
        var roll = random.NextDouble();
        var place = first == PlaceOfDeath.Unspecified ? Pick(random, OtherPlaces)
            : roll < 0.72 ? first
            : roll < 0.77 && second != PlaceOfDeath.Unspecified ? second
            : Pick(random, OtherPlaces);
        person.Death = new Death { DateOfDeath = RequestField.Format(died), Place = place };
        person.AmendedAt = At(died);
        RegisterStore.Save(session, person);
        RegisterStore.Audit(session, Seeder, "death.recorded", person.RecordId, $"died {person.Death.DateOfDeath} at {RequestField.ProtoName(place)}", person.AmendedAt.ToDateTimeOffset());
    }

    private void ApplyPendingPreference(RegisterRecord person, DateOnly until)
    {
        var session = _session;
        if (_pendingPreferences.Remove(person.RecordId, out var pending) && pending.On <= until)
        {
            person.Preferences = pending.Preferences;
            RegisterStore.Save(session, person);
            RegisterStore.AddPreference(session, person.RecordId, pending.On, pending.Preferences);
            RegisterStore.Audit(session, Seeder, "preferences.recorded", person.RecordId, RegisterStore.Describe(pending.Preferences), At(pending.On).ToDateTimeOffset());
        }
    }

    private static NhsNumber NewNhsNumber(Random random, HashSet<string> used)
    {
        while (true)
        {
            if (NhsNumber.Complete($"999{random.Next(1_000_000):D6}") is { } number && used.Add(number.Digits))
            {
                return number;
            }
        }
    }

    private static Timestamp At(DateOnly date) => Timestamp.FromDateTimeOffset(UkClock.FromLocal(date, new TimeOnly(10, 0)));

    private static T Pick<T>(Random random, (T Value, double Weight)[] choices)
    {
        var roll = random.NextDouble() * choices.Sum(c => c.Weight);
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
