using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Defaults;

/// <summary>
/// The improvement method at work in the sample programmes: PDSA cycles on every change idea of their driver
/// diagrams, notes on the charts, six months of team progress scores and a recent learning event. Dated on the
/// same calendar as the generated history (<see cref="DefaultProgramme.History"/>): month 35 is the last
/// complete month before the day given, month 0 the first of the 36. The cycles that drove the history's
/// improvements (fewer hospital deaths and a growing register from month 15, dignity rising from month 15) are
/// adopted around then; the goals still short of their aims have cycles under way in the last two months. Only
/// records whose goal (and change idea) the programme still has are given, so an edited sample keeps the rest.
/// </summary>
public static class DefaultMethodRecords
{
    /// <summary>The last complete month of the history, as an index from its first month.</summary>
    private const int LastMonth = 35;

    public static MethodSnapshot For(ProgrammeDefinition programme, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(programme);
        if (!Samples.TryGetValue(programme.Id, out var sample))
        {
            return MethodSnapshot.Empty;
        }

        var calendar = new Calendar(asOf);
        var cycles = sample.Cycles
            .Where(c => programme.FindChangeIdea(c.Idea) is not null)
            .GroupBy(c => c.Idea, StringComparer.Ordinal)
            .SelectMany(ideaCycles => ideaCycles.Select((test, n) => test.ToCycle(programme.FindChangeIdea(test.Idea)!.Value.Goal.Id, n + 1, calendar)));
        var annotations = sample.Notes
            .Where(n => programme.FindGoal(n.Goal) is not null)
            .Select(n => new ChartAnnotation
            {
                Id = $"{n.Goal}.note-{calendar.Month(n.Month).Label}",
                GoalId = n.Goal,
                Period = calendar.Month(n.Month),
                Text = n.Text,
                Author = programme.FindGoal(n.Goal)!.ClinicalLead?.Name ?? programme.Name,
                Recorded = calendar.Day(n.Month + 1, 3),
            });
        var scores = sample.Scores
            .Where(s => programme.FindGoal(s.Goal) is not null)
            .SelectMany(s => s.Months.Select((score, i) => new ProgressScore
            {
                GoalId = s.Goal,
                Month = calendar.Month(LastMonth - s.Months.Length + 1 + i),
                Score = score,
                RecordedBy = programme.FindGoal(s.Goal)!.ClinicalLead?.Name ?? programme.Name,
                Note = s.Note,
                Recorded = calendar.Day(LastMonth - s.Months.Length + 2 + i, 5),
            }))
            .Where(s => s.Recorded <= asOf); // the last month's score is recorded on the 5th of this one
        var learningEvent = sample.Event with
        {
            Date = calendar.Day(34, sample.EventDay),
            Goals = [.. sample.Event.Goals.Where(g => programme.FindGoal(g) is not null)],
        };
        return new MethodSnapshot(cycles, annotations, scores, [learningEvent]);
    }

    /// <summary>Months of the history: <c>Month(35)</c> is the last complete month before the day.</summary>
    private sealed class Calendar(DateOnly asOf)
    {
        private readonly Period _last = Period.Containing(asOf, PeriodKind.Month).Previous();

        public Period Month(int t) => _last.Plus(t - LastMonth);

        /// <summary>A day of month <paramref name="t"/>; days up to 28, so every month has it.</summary>
        public DateOnly Day(int t, int day) => Month(t).Start.AddDays(day - 1);
    }

    /// <summary>
    /// One PDSA cycle of an idea, started on <see cref="Day"/> of month <see cref="T"/> and done for <see cref="Days"/>;
    /// a done cycle is recorded two days after its end, one being studied the day after, one being done the day it began.
    /// </summary>
    private sealed record Test(string Idea, string Owner, int T, int Day, int Days, PdsaStatus Status, PdsaAct? Act,
        string Plan, string Prediction, string Study = "")
    {
        public PdsaCycle ToCycle(string goal, int number, Calendar calendar)
        {
            var start = calendar.Day(T, Day);
            var end = start.AddDays(Days);
            return new PdsaCycle
            {
                Id = $"{Idea}.{number}",
                GoalId = goal,
                ChangeIdeaId = Idea,
                Owner = Owner,
                Status = Status,
                Plan = Plan,
                Prediction = Prediction,
                Study = Study,
                Act = Act,
                Started = Status == PdsaStatus.Planned ? null : start,
                Ended = Status is PdsaStatus.Studying or PdsaStatus.Done ? end : null,
                Recorded = Status switch
                {
                    PdsaStatus.Done => end.AddDays(2),
                    PdsaStatus.Studying => end.AddDays(1),
                    _ => start,
                },
            };
        }
    }

    private sealed record Note(string Goal, int Month, string Text);

    /// <summary>A goal team's scores for the last months, oldest first, ending in the last complete month.</summary>
    private sealed record Scores(string Goal, double[] Months, string Note);

    /// <summary>The records of one sample programme; its learning event is held on <see cref="EventDay"/> of month 34 (its date here is replaced).</summary>
    private sealed record Sample(ImmutableArray<Test> Cycles, ImmutableArray<Note> Notes, ImmutableArray<Scores> Scores, int EventDay, LearningEvent Event);

    private const PdsaStatus Done = PdsaStatus.Done;
    private const PdsaStatus Studying = PdsaStatus.Studying;
    private const PdsaStatus Doing = PdsaStatus.Doing;
    private const PdsaStatus Planned = PdsaStatus.Planned;
    private const PdsaAct Adopt = PdsaAct.Adopt;
    private const PdsaAct Adapt = PdsaAct.Adapt;
    private const PdsaAct Abandon = PdsaAct.Abandon;

    private static readonly ImmutableDictionary<string, Sample> Samples = new Dictionary<string, Sample>(StringComparer.Ordinal)
    {
        ["yorkshire-eol-and-coaching"] = new(
            [
                new("fhd.register-alert-on-arrival", "bradford-teaching-ft", 12, 6, 28, Done, Adapt,
                    "Show an alert on the emergency department board when a person on the register arrives, at one hospital for four weeks.",
                    "Staff will see the alert for most registered arrivals and call the palliative care team.",
                    "The alert was seen, but the palliative care team was called for fewer than half: the alert did not say what to do."),
                new("fhd.register-alert-on-arrival", "bradford-teaching-ft", 14, 4, 28, Done, Adopt,
                    "Make the alert name the preferred place of death and ask staff to call the palliative care team.",
                    "Most registered arrivals will be seen by the palliative care team the same day.",
                    "Most were, and several went home the same day with hospice at home support. Adopted at both hospitals."),
                new("fhd.just-in-case-at-registration", "bradford-district-care-ft", 13, 3, 28, Done, Adapt,
                    "District nurses in one locality check at the registration visit that anticipatory medicines are prescribed.",
                    "Most newly registered people will have their medicines at home within a week.",
                    "Medicines were prescribed but often not collected, and families did not know where to keep them."),
                new("fhd.just-in-case-at-registration", "bradford-district-care-ft", 15, 2, 28, Done, Adopt,
                    "Add collection from the pharmacy and the register's 'where kept' field to the registration visit.",
                    "Where the medicines are kept will be on the register for most new entries.",
                    "It was, and night calls found the medicines at hand. Spread to every locality."),
                new("fhd.gold-line-first-call", "airedale-ft", 15, 1, 42, Done, Adopt,
                    "Tell registered patients of two practices and their carers to call the Gold Line first, day or night.",
                    "More crises will be settled by the Gold Line without an ambulance.",
                    "Calls from the two practices rose and admissions avoided held steady; carers said they knew whom to call. Adopted for everyone on the register."),
                new("fhd.hospice-at-home-night-visits", "manorlands-hospice", 32, 7, 35, Done, Adapt,
                    "The Gold Line nurse asks hospice at home for a night visit to a registered person in crisis in Craven.",
                    "The visit will reach the person the same night for most requests.",
                    "Most were reached, but requests after 2am waited for the morning team."),
                new("fhd.hospice-at-home-night-visits", "manorlands-hospice", 35, 3, 0, Doing, null,
                    "Extend the hospice at home night sitter's shift to the morning, for four weeks.",
                    "Requests after 2am will be met the same night."),

                new("reg.practice-list-search", "awc-gp-practices", 14, 5, 28, Done, Adapt,
                    "Three practices search their lists for frailty, cancer and organ failure and review the list at their palliative care meeting.",
                    "Each practice will add people to the register every month.",
                    "The searches found many people, but the meetings ran out of time to review them."),
                new("reg.practice-list-search", "awc-gp-practices", 16, 5, 28, Done, Adopt,
                    "The GP lead and the district nurse go through the search list before the meeting.",
                    "Every practice will add people each month and the register will grow.",
                    "The register grew month on month; every practice now runs the search."),
                new("reg.discharge-prompt", "airedale-ft", 18, 3, 28, Done, Abandon,
                    "Add a prompt to the discharge summary asking the GP to register the patient.",
                    "Practices will register most prompted patients within a month.",
                    "Few were registered: practices did not see the prompt among the discharge actions. Abandoned for registration by district nurses."),
                new("reg.district-nurse-entry", "bradford-district-care-ft", 19, 2, 28, Done, Adapt,
                    "District nurses in one locality create the register entry on their first home visit.",
                    "Registrations from community teams will rise without extra visits.",
                    "They rose, but entries lacked the prognosis the GP gives."),
                new("reg.district-nurse-entry", "bradford-district-care-ft", 21, 2, 28, Done, Adopt,
                    "An entry made on a visit sends the practice a task to add the prognosis.",
                    "Most entries will be complete within two weeks.",
                    "Most were. Spread to every locality."),
                new("reg.consent-first-conversation", "awc-gp-practices", 33, 12, 21, Done, Adapt,
                    "Two practices record consent to share at the first end-of-life conversation, with the register's consent options.",
                    "Fewer entries will wait for consent.",
                    "Fewer waited, but best-interest decisions were often recorded as explicit consent."),
                new("reg.consent-first-conversation", "awc-gp-practices", 34, 12, 21, Studying, null,
                    "Prompt for a best-interest decision or a lasting power of attorney at the consent step.",
                    "Entries for people who lack capacity will say on what basis they were shared."),

                new("wish.conversation-guide", "manorlands-hospice", 24, 8, 28, Done, Adapt,
                    "Hospice nurses use the carers' conversation guide at register reviews for a month.",
                    "More reviews will end with a first preferred place of death recorded.",
                    "The share did not move: reviews were often by phone, without the carer."),
                new("wish.conversation-guide", "manorlands-hospice", 34, 6, 21, Done, Adapt,
                    "Use the guide at face-to-face reviews with the carer there.",
                    "More reviews with the carer present will record a first choice.",
                    "The conversations went better, but the choice was written in the hospice's notes, not on the register."),
                new("wish.conversation-guide", "manorlands-hospice", 35, 4, 0, Doing, null,
                    "Record the first choice on the register during the review.",
                    "Choices made at reviews will reach the register the same day."),
                new("wish.befriender-invites-carer", "age-uk-bradford", 30, 2, 28, Done, Adapt,
                    "Befrienders invite the carers they visit to the next register review.",
                    "Most invited carers will join the review.",
                    "Few joined: reviews were booked at short notice in working hours."),
                new("wish.befriender-invites-carer", "age-uk-bradford", 34, 12, 21, Studying, null,
                    "Befrienders agree the review's time with the carer and the district nurse.",
                    "Most invited carers will join the review."),
                new("wish.blank-first-choice-list", "awc-gp-practices", 33, 3, 28, Done, Adapt,
                    "Send each practice a monthly list of its register entries with no first preferred place of death.",
                    "Practices will fill in most of the blanks within the month.",
                    "Few were filled in: the list went to the practice manager, not to the clinicians who know the people."),
                new("wish.blank-first-choice-list", "awc-gp-practices", 35, 2, 0, Planned, null,
                    "Send the list to each person's named GP and district nurse.",
                    "Most blanks will be filled in by the next list."),
                new("wish.review-date-prompt", "bradford-district-care-ft", 35, 1, 0, Doing, null,
                    "District nurses set a planned review no more than three months ahead at each visit, with a prompt when it passes.",
                    "Reviews will happen before their date for most entries, and more first choices will be recorded at them."),

                new("gl.number-in-welcome-letter", "airedale-ft", 10, 5, 42, Done, Adopt,
                    "Put the Gold Line number in the register's welcome letter and send a fridge magnet with it.",
                    "Carers will call the Gold Line rather than 999 more often.",
                    "Calls from carers rose; carers said the magnet was where they looked at night. Adopted."),
                new("gl.lent-ipad-video-calls", "airedale-ft", 22, 4, 28, Done, Adapt,
                    "Lend iPads to the first patients whose carers asked to show the nurse a symptom.",
                    "The nurse will assess by video, without a visit, in most video calls.",
                    "Video helped the assessment, but some patients could not connect without help."),
                new("gl.lent-ipad-video-calls", "airedale-ft", 24, 4, 28, Done, Adopt,
                    "The hospice at home team sets the iPad up on a visit when it is lent.",
                    "Most patients lent an iPad will make a video call in their first week.",
                    "Most did, and video calls are now steady each week. Adopted; iPads were lent to 30 patients."),
                new("gl.hospice-nurses-on-rota", "manorlands-hospice", 33, 5, 28, Done, Adapt,
                    "Hospice nurses join the Gold Line night rota for a month.",
                    "No night call will wait for a call back.",
                    "Fewer waited, but the hospice nurses could not open the call log and the register from home."),
                new("gl.hospice-nurses-on-rota", "manorlands-hospice", 35, 6, 0, Doing, null,
                    "Hospice nurses on the rota with remote access to the call log and the register.",
                    "Night calls will be answered without call backs."),

                new("aa.register-view-from-call-log", "airedale-ft", 16, 3, 28, Done, Adopt,
                    "Open the caller's register record from the call log in one step.",
                    "Nurses will read the person's plan in most calls about registered people.",
                    "They did, and more calls ended in advice or a visit than in an admission. Adopted."),
                new("aa.book-district-nurse-visit", "bradford-district-care-ft", 31, 4, 28, Done, Adapt,
                    "Gold Line nurses book urgent district nurse visits directly in one locality.",
                    "Visits will be arranged within the call, without a second call.",
                    "Most were, but at night the district nurses' diary could not be seen."),
                new("aa.book-district-nurse-visit", "bradford-district-care-ft", 34, 15, 14, Studying, null,
                    "Share the out-of-hours district nurses' diary with the Gold Line.",
                    "Night visits will be booked within the call."),
                new("aa.next-day-practice-call", "awc-gp-practices", 34, 2, 21, Done, Adapt,
                    "The practice calls the person the morning after a Gold Line night call.",
                    "Most people will be called before noon.",
                    "Most practices called, but the night's summary arrived after morning surgery had begun."),
                new("aa.next-day-practice-call", "awc-gp-practices", 35, 3, 0, Planned, null,
                    "Send the night's call summary to practices by 8am.",
                    "Practices will call before noon."),
                new("aa.restore-outcome-feed", "airedale-ft", 34, 5, 14, Done, Adapt,
                    "Export call outcomes by hand each week while the new call-log system settles.",
                    "The chart will have the month's count of admissions avoided again.",
                    "The exports were made, but the information team could not load them: the file's format had changed."),
                new("aa.restore-outcome-feed", "airedale-ft", 35, 8, 0, Doing, null,
                    "The information team maps the new call log's export to the outcome codes.",
                    "The feed will report admissions avoided again, including the missing months."),

                new("coach.time-agreed-at-enrolment", "sheffield-teaching-ft", 9, 5, 28, Done, Adopt,
                    "Coaches' managers write the coaching time into the job plan when a coach of the third cohort enrols.",
                    "Coaches will keep their coaching sessions through the five-month course.",
                    "Most did. Adopted for every cohort."),
                new("coach.match-outside-own-team", "sheffield-health-social-care-ft", 6, 2, 42, Done, Adopt,
                    "Match the second cohort's coaches to teams outside their own microsystem.",
                    "Coaches will challenge their teams more, and stay with them.",
                    "Teams and coaches said coaching worked better from outside. Adopted as the academy's rule: a coach does not coach their own microsystem."),
                new("coach.rematch-after-role-change", "sheffield-teaching-ft", 30, 5, 28, Done, Adapt,
                    "Ask each coach who moved roles in the reorganisation to coach a team near their new post.",
                    "Most will take up a new team within a month.",
                    "Few did: their new managers had not agreed coaching time."),
                new("coach.rematch-after-role-change", "sheffield-teaching-ft", 34, 10, 21, Studying, null,
                    "Agree coaching time with the new manager before offering the coach a new team.",
                    "Most coaches who moved will be coaching again within a month."),
                new("coach.monthly-huddle", "sheffield-health-social-care-ft", 33, 14, 14, Done, Adapt,
                    "Hold a monthly coaches' huddle online across both trusts.",
                    "Coaches will bring their problems and stay engaged.",
                    "The coaches still coaching came; those who had stopped did not."),
                new("coach.monthly-huddle", "sheffield-health-social-care-ft", 35, 10, 0, Planned, null,
                    "The clinical director invites each coach who has stopped to the next huddle in person.",
                    "Some will come back to coaching after the huddle."),

                new("meet.fixed-slot-in-rota", "sheffield-teaching-ft", 8, 3, 28, Done, Adopt,
                    "Give coached ward teams a fixed fortnightly meeting slot in the rota.",
                    "Teams will hold two meetings every month.",
                    "They did, and leaders said the slot protected the time. Adopted."),
                new("meet.coach-before-start", "sheffield-teaching-ft", 11, 1, 28, Done, Adopt,
                    "No new team starts until an active coach is assigned to it.",
                    "New teams will meet from their first month.",
                    "They did. Adopted."),
                new("meet.meeting-skills-session", "sheffield-health-social-care-ft", 29, 6, 28, Done, Adapt,
                    "A session on meeting skills (agenda, roles, actions) for the leaders of new teams.",
                    "Meetings will end with actions and owners.",
                    "Leaders used the agenda, but actions were lost between meetings."),
                new("meet.meeting-skills-session", "sheffield-health-social-care-ft", 35, 5, 0, Doing, null,
                    "Add an action log, read at the start of each meeting, to the session.",
                    "Most actions will be done by the next meeting."),
                new("meet.quarterly-feedback", "university-of-bradford", 33, 1, 28, Done, Adapt,
                    "The evaluation team sends each team its meeting pattern for the quarter.",
                    "Teams that missed meetings will plan them.",
                    "Teams read it, and their leaders asked for it every month."),
                new("meet.quarterly-feedback", "university-of-bradford", 35, 1, 0, Doing, null,
                    "Send each team its meeting pattern every month.",
                    "Teams will see a missed meeting in time to make it up."),
            ],
            [
                new("register-coverage", 30, "The register reached the caseload expected for the three areas, about 950 people."),
                new("gold-line-reach", 20, "No call log extract this month: the export failed and could not be run again."),
                new("admissions-avoided", 33, "The call log system changed this month and the feed of call outcomes stopped."),
                new("coaches-keep-coaching", 28, "A cohort of trained coaches moved roles in the ward reorganisation."),
            ],
            [
                new("fewer-hospital-deaths", [4.0, 4.0, 4.5, 4.5, 4.5, 4.5], "The fall to about 13% has held for a year; the changes are how the teams work now."),
                new("register-coverage", [4.0, 4.5, 4.5, 4.5, 4.5, 4.5], "The register holds the expected caseload and every practice searches its list."),
                new("wishes-recorded", [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], "Changes are being tested, but the share with a first choice recorded has not moved."),
                new("gold-line-reach", [3.0, 3.0, 3.0, 3.0, 3.0, 3.0], "Calls are steady around the aim, hit and miss month to month."),
                new("admissions-avoided", [3.0, 3.0, 3.0, 2.5, 2.5, 2.5], "Changes are tested, but no outcome data has arrived since the call log changed."),
                new("coaches-keep-coaching", [2.0, 2.0, 2.5, 2.5, 2.5, 2.5], "Fewer coaches are coaching since the reorganisation; re-matching is being tested."),
                new("teams-keep-meeting", [4.0, 4.0, 4.0, 4.0, 4.0, 4.5], "Teams keep meeting, well above the aim, with the slot and coach in place."),
            ],
            14,
            new LearningEvent
            {
                Id = "learning-session",
                Date = default,
                Kind = LearningEventKind.LearningSession,
                Title = "Learning session: testing small changes across the system",
                Goals = ["fewer-hospital-deaths", "register-coverage", "wishes-recorded", "gold-line-reach", "admissions-avoided", "coaches-keep-coaching", "teams-keep-meeting"],
                Lessons =
                [
                    "Test small changes, measure often and share quickly: the hospice and district nurses heard of each other's night-visit tests the same week.",
                    "A blank first preferred place is a conversation not yet had: the conversation guide works when the carer is in the room.",
                    "Plan for data channels that close: the call-outcome feed stopped with the call log change and the admissions chart went blind.",
                    "A coach who moves roles needs their new manager's agreement before taking on a new team.",
                ],
            }),

        ["sheffield-corporate-clinical"] = new(
            [
                new("desk.one-number-one-form", "sheffield-teaching-ft", 5, 3, 28, Done, Adopt,
                    "Ward sisters on two wards report every corporate issue to the concierge desk by one number or one form.",
                    "Sisters will spend less time chasing departments, and every issue will be logged.",
                    "Sisters said they no longer had to find the right department. Adopted for every ward."),
                new("desk.monthly-root-cause-review", "sheffield-teaching-ft", 20, 10, 21, Done, Adapt,
                    "Review the month's issues by root-cause area (corporate overlap, complex processes, customer service, communication, culture, commercial contracts) with the corporate leads.",
                    "Each area will have an owner and an action.",
                    "Actions were agreed, but repeated issues with commercial contracts needed the procurement lead."),
                new("desk.monthly-root-cause-review", "sheffield-health-social-care-ft", 35, 7, 0, Doing, null,
                    "The procurement lead joins the review for issues with commercial contracts.",
                    "Fewer issues will come back from the same contract month on month."),
                new("desk.response-times-in-contracts", "sheffield-teaching-ft", 35, 3, 0, Planned, null,
                    "Write response times for ward requests into the estates maintenance contract at its renewal.",
                    "Estates issues will be resolved in the month they are logged."),
                new("desk.simpler-ward-ordering", "sheffield-teaching-ft", 31, 2, 28, Done, Abandon,
                    "Ward sisters on one ward order from a shorter ward catalogue.",
                    "Fewer ordering issues will be logged with the desk.",
                    "The short catalogue duplicated the national one and staff used both. Abandoned: the trust moves to the national catalogue."),

                new("dig.whole-ward-sessions", "sheffield-teaching-ft", 12, 7, 28, Done, Adapt,
                    "A dignity in practice session for the nurses of one ward.",
                    "More of the ward's patients will say they were always treated with dignity.",
                    "Nurses changed how they spoke to patients, but porters, domestic staff and doctors had not been there."),
                new("dig.whole-ward-sessions", "bradford-teaching-ft", 15, 7, 42, Done, Adopt,
                    "Sessions for the whole ward team, clinical and support staff together, on two wards.",
                    "The wards' survey answers of 'always' will rise within three months.",
                    "They rose on both wards. Adopted for every ward."),
                new("dig.value-based-interviews", "bradford-teaching-ft", 16, 1, 56, Done, Adopt,
                    "Value-based interviews for healthcare assistants on two wards.",
                    "New staff will show the ward's values from their first weeks (the method's predictive validity is 0.38).",
                    "Ward sisters rated new staff's care well. Adopted for ward staff."),
                new("dig.curtain-clips", "sheffield-teaching-ft", 18, 4, 28, Done, Adopt,
                    "Curtain clips and a 'please wait' sign at every bed space on one ward.",
                    "Patients will not be interrupted during personal care.",
                    "Patients' comments about privacy fell away. Adopted."),
                new("dig.survey-review-with-patients", "sheffield-health-social-care-ft", 33, 6, 28, Done, Adapt,
                    "Review the month's survey comments with patient partners at the community meeting.",
                    "Each review will give each ward one change to test.",
                    "It did, but wards heard of their change weeks later."),
                new("dig.survey-review-with-patients", "sheffield-teaching-ft", 35, 6, 0, Doing, null,
                    "Ward sisters join the review and take their ward's change back the same day.",
                    "Each ward will start its test within a week of the review."),
            ],
            [
                new("dignity-always", 15, "Dignity in practice sessions began for whole ward teams."),
            ],
            [
                new("ward-issues-resolved", [3.0, 3.0, 3.5, 3.5, 3.5, 3.5], "Most issues are resolved in the month; contract issues keep coming back."),
                new("dignity-always", [4.0, 4.5, 4.5, 4.5, 4.5, 4.5], "The share always treated with dignity has held at about 90.5% for months."),
            ],
            21,
            new LearningEvent
            {
                Id = "action-period-review",
                Date = default,
                Kind = LearningEventKind.ActionPeriodReview,
                Title = "Action-period review: ward sisters and corporate leads",
                Goals = ["ward-issues-resolved", "dignity-always"],
                Lessons =
                [
                    "Fix root causes, not only issues: commercial contracts need the procurement lead at the review.",
                    "Changes from patients' own words are the ones staff remember: share them with the ward the same day.",
                ],
            }),
    }.ToImmutableDictionary(StringComparer.Ordinal);
}
