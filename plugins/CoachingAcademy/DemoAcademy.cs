using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>
/// Demonstration data (COLLAB_PLUGIN_SEED=demo), deterministic for a given start date, matching
/// DOMAIN.md: four cohorts six months apart over 24 months, 84 coaches trained (plus 8 who left the
/// course), 107 microsystem teams coached, 52 of the 84 (62%) still coaching. One coach has been
/// assigned to their own ward, so the alignment finding has something to show.
/// </summary>
internal sealed class DemoAcademy
{
    private const string Seeder = "demo-seed";
    private const int Cohorts = 4;
    private const int TrainedPerCohort = 21;
    private const int LeftPerCohort = 2;
    private const int TeamsCoached = 107;

    // Coaches who stop coaching by today, per cohort (older cohorts have had longer to drift away): 32 of 84.
    private static readonly int[] StoppedPerCohort = [12, 9, 7, 4];

    private static readonly (string Organisation, MicrosystemKind Kind, string[] Names)[] Places =
    [
        ("Wharfe Valley NHS Foundation Trust", MicrosystemKind.Ward,
            ["Ward 1 (acute medicine)", "Ward 2 (acute medicine)", "Ward 3 (respiratory)", "Ward 4 (cardiology)", "Ward 5 (elderly care)", "Ward 6 (elderly care)",
             "Ward 7 (stroke)", "Ward 8 (orthopaedics)", "Ward 9 (general surgery)", "Ward 10 (urology)", "Ward 11 (gastroenterology)", "Ward 12 (renal)",
             "Ward 13 (oncology)", "Ward 14 (haematology)", "Ward 15 (maternity)", "Ward 16 (children's)", "Ward 17 (rehabilitation)", "Ward 18 (surgical assessment)",
             "Ward 19 (medical assessment)", "Ward 20 (frailty)", "Ward 21 (short stay)", "Ward 22 (day surgery)", "Intensive care unit", "Coronary care unit",
             "Neonatal unit", "Endoscopy unit", "Discharge lounge", "Ward 23 (neurology)", "Ward 24 (diabetes)", "Ward 25 (vascular)"]),
        ("Wharfe Valley NHS Foundation Trust", MicrosystemKind.Clinic,
            ["Diabetes clinic", "Heart failure clinic", "Anticoagulation clinic", "Fracture clinic", "Pre-operative assessment clinic", "Rheumatology clinic",
             "Respiratory clinic", "Memory clinic", "Falls clinic", "Pain clinic", "Continence clinic", "Tissue viability clinic", "Dermatology clinic",
             "Ophthalmology clinic", "ENT clinic", "Breast clinic", "Colorectal clinic", "Antenatal clinic", "Paediatric outpatients", "Audiology clinic"]),
        ("Wharfe Valley NHS Foundation Trust", MicrosystemKind.Department,
            ["Emergency department", "Radiology", "Pathology", "Pharmacy", "Physiotherapy", "Occupational therapy", "Dietetics", "Speech and language therapy",
             "Theatres", "Outpatients booking", "Medical records", "Patient flow team", "Estates helpdesk", "IT service desk", "Procurement", "HR advisory",
             "Finance (payroll)", "Information team", "Chaplaincy", "Catering"]),
        ("Dales Community Health", MicrosystemKind.Department,
            ["District nursing (Otley)", "District nursing (Ilkley)", "District nursing (Keighley)", "District nursing (Skipton)", "Community matrons",
             "Intermediate care team", "Community palliative care team", "Rapid response team", "Community therapy (north)", "Community therapy (south)",
             "Wheelchair service", "Podiatry", "Community dental service", "Health visiting (north)", "Health visiting (south)", "School nursing",
             "Continence service", "Community heart failure nurses", "Community respiratory team", "Care home support team"]),
        ("Dales Mental Health Partnership", MicrosystemKind.Ward,
            ["Acute admissions ward (adult)", "Older people's ward", "Psychiatric intensive care", "Crisis resolution team", "Memory assessment service",
             "Community mental health team (north)", "Community mental health team (south)", "Liaison psychiatry", "Early intervention in psychosis",
             "Perinatal mental health", "Eating disorders service", "Rehabilitation unit", "Learning disability team", "Talking therapies", "Street triage",
             "Forensic outreach", "Dual diagnosis team", "Home treatment team", "Section 136 suite", "Recovery college", "Veterans' service", "Carers' support team",
             "Children's mental health (CAMHS)", "Autism assessment service", "Psychology service"]),
    ];

    private static readonly string[] GivenNames = ["Aisha", "Ben", "Claire", "Dev", "Emma", "Faisal", "Grace", "Hannah", "Imran", "Jo", "Kate", "Liam", "Maya", "Nadia", "Owen", "Priya", "Rachel", "Sam", "Tom", "Zara"];
    private static readonly string[] FamilyNames = ["Patel", "Hartley", "Khan", "Murphy", "Wood", "Begum", "Shaw", "Clarke", "Iqbal", "Walsh", "Dobson", "Nolan", "Akhtar", "Price", "Fenton"];

    private readonly StoreSession _session;
    private readonly Random _random = new(84);

    private DemoAcademy(StoreSession session) => _session = session;

    public static void SeedIfEmpty(ModuleDatabase database, ObservationOutbox outbox, DateOnly today)
    {
        database.WriteAsync(session =>
        {
            if (session.Scalar<long>("SELECT COUNT(*) FROM cohort") > 0)
            {
                return 0;
            }

            var first = new DemoAcademy(session).Seed(today);
            outbox.ReportFrom(session, first);
            return outbox.Republish(session, first);
        }).GetAwaiter().GetResult();
    }

    private MonthlyPeriod Seed(DateOnly today)
    {
        var first = MonthlyPeriod.Of(today.AddMonths(-23));
        var microsystems = new List<Microsystem>();
        foreach (var (organisation, kind, names) in Places)
        {
            foreach (var name in names)
            {
                var microsystem = new Microsystem { MicrosystemId = $"ms-{microsystems.Count + 1:D3}", Name = name, Kind = kind, Organisation = organisation };
                AcademyStore.InsertMicrosystem(_session, microsystem);
                microsystems.Add(microsystem);
            }
        }

        var uncoached = Shuffle(microsystems.ToList());
        var coached = new List<Microsystem>();
        var trained = new List<(Coach Coach, DateOnly TrainedOn, int Cohort)>();
        var assignments = 0;
        var coaches = 0;

        Microsystem NewTeam(string home)
        {
            var team = uncoached.First(m => m.MicrosystemId != home);
            uncoached.Remove(team);
            coached.Add(team);
            return team;
        }

        void Assign(Coach coach, Microsystem team, DateOnly on) =>
            AcademyStore.InsertAssignment(_session, new CoachingAssignment
            {
                AssignmentId = $"asg-{++assignments:D4}",
                CoachId = coach.CoachId,
                MicrosystemId = team.MicrosystemId,
                StartsOn = RequestField.Format(on),
            }, Seeder);

        for (var c = 0; c < Cohorts; c++)
        {
            var starts = first.FirstDay.AddMonths(6 * c);
            var ends = starts.AddMonths(AcademyService.CourseMonths).AddDays(-1);
            var cohort = new Cohort { CohortId = $"cohort-{c + 1}", Name = $"Cohort {c + 1}", StartsOn = RequestField.Format(starts), EndsOn = RequestField.Format(ends) };
            AcademyStore.InsertCohort(_session, cohort);
            for (var i = 0; i < TrainedPerCohort + LeftPerCohort; i++)
            {
                var completes = i < TrainedPerCohort;
                var home = microsystems[_random.Next(microsystems.Count)];
                var coach = new Coach
                {
                    CoachId = $"coach-{++coaches:D3}",
                    Name = $"{GivenNames[_random.Next(GivenNames.Length)]} {FamilyNames[_random.Next(FamilyNames.Length)]}",
                    CohortId = cohort.CohortId,
                    HomeMicrosystemId = home.MicrosystemId,
                    TrainedOn = completes ? cohort.EndsOn : "",
                };
                AcademyStore.InsertCoach(_session, coach, starts);
                // Every coach coaches a team while on the course, never their own.
                Assign(coach, NewTeam(home.MicrosystemId), starts.AddDays(14));
                if (completes)
                {
                    trained.Add((coach, ends, c));
                }
                else
                {
                    AcademyStore.AddStatus(_session, coach.CoachId, starts.AddDays(_random.Next(30, 120)), active: false);
                }
            }
        }

        // Some coaches stop coaching after the course; the rest take on further teams.
        var stopped = new HashSet<string>();
        for (var c = 0; c < Cohorts; c++)
        {
            foreach (var (coach, trainedOn, _) in Shuffle(trained.Where(t => t.Cohort == c).ToList()).Take(StoppedPerCohort[c]))
            {
                var span = Math.Max(1, today.DayNumber - trainedOn.DayNumber - 1);
                AcademyStore.AddStatus(_session, coach.CoachId, trainedOn.AddDays(1 + _random.Next(span)), active: false);
                stopped.Add(coach.CoachId);
            }
        }

        var stillCoaching = trained.Where(t => !stopped.Contains(t.Coach.CoachId)).ToList();
        while (coached.Count < TeamsCoached)
        {
            var (coach, trainedOn, _) = stillCoaching[_random.Next(stillCoaching.Count)];
            Assign(coach, NewTeam(coach.HomeMicrosystemId), trainedOn.AddDays(1 + _random.Next(Math.Max(1, today.DayNumber - trainedOn.DayNumber - 1))));
        }

        // The learned rule, broken once: a coach from the first cohort took on their own ward.
        var (own, ownTrained, _) = stillCoaching.First(t => t.Cohort == 0 && coached.Any(m => m.MicrosystemId == t.Coach.HomeMicrosystemId));
        Assign(own, coached.First(m => m.MicrosystemId == own.HomeMicrosystemId), ownTrained.AddDays(45));
        return first;
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
