using Collaborative.Programme.Alignment;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Tests.Defaults;

/// <summary>The sample programmes' driver diagrams and method records: valid, dated from the history, and read by alignment as the method at work.</summary>
public sealed class DefaultMethodRecordsTests
{
    /// <summary>A day within six months of the diagrams' review dates in the sample files.</summary>
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static ProgrammeDefinition CorporateClinical() =>
        YamlProgrammeLoader.Load(DefaultProgramme.CorporateClinicalYaml(), DefaultProgramme.CorporateClinicalFileName);

    public static TheoryData<string> Samples => [DefaultProgramme.FileName, DefaultProgramme.CorporateClinicalFileName];

    private static ProgrammeDefinition Load(string fileName) =>
        fileName == DefaultProgramme.FileName ? DefaultProgramme.Load() : CorporateClinical();

    /// <summary>The first of a month, the 4th (before last month's scores are recorded), the 5th and the last day.</summary>
    public static TheoryData<string, DateOnly> SamplesOnDaysOfTheMonth
    {
        get
        {
            var data = new TheoryData<string, DateOnly>();
            foreach (var file in new[] { DefaultProgramme.FileName, DefaultProgramme.CorporateClinicalFileName })
            {
                foreach (var day in new DateOnly[] { new(2026, 12, 1), new(2026, 12, 4), new(2026, 12, 5), new(2027, 2, 28), new(2027, 3, 31) })
                {
                    data.Add(file, day);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleGoal_HasADriverDiagramWithReviewedDateOwnersAndChangeIdeas(string fileName)
    {
        var programme = Load(fileName);

        Assert.All(programme.Goals, goal =>
        {
            var diagram = Assert.IsType<DriverDiagram>(goal.DriverDiagram);
            Assert.NotNull(diagram.Reviewed);
            Assert.InRange(diagram.PrimaryDrivers.Length, 2, 4);
            Assert.All(diagram.PrimaryDrivers, p => Assert.NotEmpty(p.SecondaryDrivers));
            Assert.All(diagram.ChangeIdeas, idea =>
            {
                Assert.NotEmpty(idea.Owners);
                // Owners are partners who work on the goal: co-owners or services in its team.
                Assert.All(idea.Owners, o => Assert.True(goal.CoOwners.Contains(o) || goal.Team.Any(t => t.Partner == o), $"{idea.Id}: {o}"));
            });
        });
        Assert.Empty(ProgrammeValidator.Validate(programme));
    }

    [Fact]
    public void ProcessMeasures_AreTheProgrammesOwnMeasuresOfOtherGoals_OrTheVideoCallsThatFedNoGoal()
    {
        var programme = DefaultProgramme.Load();
        var measured = programme.Goals
            .SelectMany(g => g.DriverDiagram!.ChangeIdeas.Where(i => i.Measure is not null).Select(i => (Idea: i.Id, i.Measure, Goal: g)))
            .ToList();

        Assert.Equal(
            [("fhd.gold-line-first-call", "goldline.admissions-avoided"), ("gl.lent-ipad-video-calls", "goldline.video-calls"), ("meet.coach-before-start", "academy.coaches-active-share")],
            measured.Select(m => (m.Idea, m.Measure)));
        Assert.All(measured, m => Assert.NotEqual(m.Goal.Measure, m.Measure));
        Assert.All(CorporateClinical().Goals.SelectMany(g => g.DriverDiagram!.ChangeIdeas), i => Assert.Null(i.Measure));
    }

    [Theory]
    [MemberData(nameof(SamplesOnDaysOfTheMonth))]
    public void SampleRecords_AreEachValid_CoverEveryChangeIdea_AndNothingIsDatedAfterTheDay(string fileName, DateOnly asOf)
    {
        var programme = Load(fileName);
        var method = DefaultMethodRecords.For(programme, asOf);

        Assert.All(method.Cycles, c => Assert.Empty(MethodValidator.Validate(c, programme)));
        Assert.All(method.Annotations, a => Assert.Empty(MethodValidator.Validate(a, programme)));
        Assert.All(method.Scores, s => Assert.Empty(MethodValidator.Validate(s, programme, asOf)));
        Assert.All(method.Events, e => Assert.Empty(MethodValidator.Validate(e, programme)));

        var ideas = programme.Goals.SelectMany(g => g.DriverDiagram!.ChangeIdeas).Select(i => i.Id).ToList();
        Assert.All(ideas, idea => Assert.NotEmpty(method.CyclesFor(idea)));
        Assert.Equal(method.Cycles.Length, method.Cycles.Select(c => c.Id).Distinct().Count());
        // A cycle's owner co-owns its goal, so the partner could have recorded it in the dashboard.
        Assert.All(method.Cycles, c => Assert.Contains(c.Owner, programme.FindGoal(c.GoalId)!.CoOwners));
        Assert.All(method.Cycles, c => Assert.True(c.LastActivity < asOf, $"{c.Id} {c.LastActivity}"));
        Assert.All(method.Scores, s => Assert.True(s.Recorded <= asOf && s.Month.End < asOf, $"{s.GoalId} {s.Month}"));
        Assert.All(method.Annotations, a => Assert.True(a.Recorded <= asOf && a.Period.End < asOf, a.Id));
        var learningEvent = Assert.Single(method.Events);
        Assert.True(learningEvent.Date < asOf);
        Assert.Equal(programme.Goals.Select(g => g.Id), learningEvent.Goals);
        Assert.All(programme.Goals, g => Assert.NotEmpty(method.ScoreHistory(g.Id)));
    }

    [Fact]
    public void SampleRecords_AreDatedFromTheHistory_TheLastCompleteMonthBeforeTheDay()
    {
        var programme = DefaultProgramme.Load();
        var method = DefaultMethodRecords.For(programme, new DateOnly(2026, 12, 10));

        // The coaches moved roles in month 28 of 36, where the history's concern begins (2026-04 when the last month is 2026-11).
        Assert.Contains(method.Annotations, a => a.GoalId == "coaches-keep-coaching" && a.Period == Period.Month(2026, 4));
        Assert.Equal(Period.Month(2026, 11), method.ScoreHistory("fewer-hospital-deaths")[^1].Month);
        Assert.Equal(6, method.ScoreHistory("fewer-hospital-deaths").Length);
        Assert.Equal(new DateOnly(2026, 10, 14), method.Events[0].Date);
        // On the 4th, last month's scores are not yet recorded; the month before is the latest.
        Assert.Equal(Period.Month(2026, 10), DefaultMethodRecords.For(programme, new DateOnly(2026, 12, 4)).ScoreHistory("wishes-recorded")[^1].Month);
    }

    [Fact]
    public void SampleRecords_ShowTheMethodAtWork_OnChartsAndInTeamProgress()
    {
        var programme = DefaultProgramme.Load();
        var method = DefaultMethodRecords.For(programme, new DateOnly(2026, 12, 10));
        var goal = programme.FindGoal("fewer-hospital-deaths")!;

        var markers = method.MarkersFor(goal, PeriodKind.Month);
        Assert.Contains(markers, m => m.Kind == ChartMarkerKind.PdsaCycle);
        Assert.Contains(markers, m => m.Kind == ChartMarkerKind.LearningEvent);
        Assert.Contains(method.Cycles, c => c is { Status: PdsaStatus.Done, Act: PdsaAct.Adopt });
        Assert.Contains(method.Cycles, c => c is { Status: PdsaStatus.Done, Act: PdsaAct.Adapt });
        Assert.Contains(method.Cycles, c => c is { Status: PdsaStatus.Done, Act: PdsaAct.Abandon });
        Assert.Contains(method.Cycles, c => c.Status == PdsaStatus.Doing);
        Assert.Contains(method.Cycles, c => c.Status == PdsaStatus.Studying);
        Assert.Contains(method.Cycles, c => c.Status == PdsaStatus.Planned);

        var progress = TeamProgress.For(programme, method, Period.Month(2026, 11));
        Assert.All(progress.Standings, s => Assert.NotNull(s.Current));
        Assert.Equal(ScoreMovement.Up, progress.Standings.Single(s => s.GoalId == "teams-keep-meeting").Movement);
        Assert.Equal(ScoreMovement.Same, progress.Standings.Single(s => s.GoalId == "wishes-recorded").Movement);
        Assert.Equal(3, progress.Distribution.Single(d => d.Level.Score == 4.5).Teams);
    }

    [Theory]
    [MemberData(nameof(SamplesOnDaysOfTheMonth))]
    public void Alignment_WithTheSampleRecords_FiresNoMethodRule_AndNoDriverDiagramFinding(string fileName, DateOnly asOf)
    {
        var programme = Load(fileName);
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, DefaultProgramme.Ledger(programme, asOf), asOf,
            method: DefaultMethodRecords.For(programme, asOf)));

        string[] method = ["goal.no-driver-diagram", "change-idea.no-recent-pdsa", "goal.driver-diagram-not-reviewed", "goal.no-progress-score", "programme.no-learning-event"];
        Assert.DoesNotContain(summary.Findings, f => method.Contains(f.RuleId));
    }

    [Fact]
    public void Alignment_OfTheDefaultSampleWithItsRecords_FindsOnlyTheDeliberateGaps()
    {
        var programme = DefaultProgramme.Load();
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, DefaultProgramme.Ledger(programme, AsOf), AsOf,
            method: DefaultMethodRecords.For(programme, AsOf)));

        // The video calls now feed the Gold Line goal as a change idea's process measure; the outcome feed that
        // closed is still stale (and its change idea is testing how to restore it).
        Assert.Equal(
            [("goal.no-lived-experience", "coaches-keep-coaching"), ("measure.stale-data", "goldline.admissions-avoided")],
            summary.Findings.Select(f => (f.RuleId, f.SubjectId)).Order());
    }

    [Fact]
    public void Alignment_OfTheCorporateSampleWithItsRecords_FindsOnlyTheModulesMissingHistory()
    {
        var programme = CorporateClinical();
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, DefaultProgramme.Ledger(programme, AsOf), AsOf,
            method: DefaultMethodRecords.For(programme, AsOf)));

        // The concierge desk's measure comes from its module, which is not running here.
        Assert.Equal(
            [("goal.no-baseline", "ward-issues-resolved"), ("measure.stale-data", "concierge.issues-resolved-share")],
            summary.Findings.Select(f => (f.RuleId, f.SubjectId)).Order());
    }

    [Fact]
    public void Alignment_MoreThanSixMonthsAfterTheFilesReviewDates_AsksForAReviewWhereTheChartsShowSpecialCause()
    {
        // The review dates are dates in the files while the history moves with the day: a run long after them is
        // rightly told to review the diagrams of goals whose charts show special cause since.
        var later = new DateOnly(2027, 7, 1);
        var programme = DefaultProgramme.Load();
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, DefaultProgramme.Ledger(programme, later), later,
            method: DefaultMethodRecords.For(programme, later)));

        Assert.Equal(
            ["coaches-keep-coaching", "fewer-hospital-deaths", "register-coverage", "wishes-recorded"],
            summary.Findings.Where(f => f.RuleId == "goal.driver-diagram-not-reviewed").Select(f => f.SubjectId).Order());
    }

    [Fact]
    public void For_AProgrammeThatIsNotASample_IsEmpty_AndAnEditedSampleKeepsTheRecordsItStillHasGoalsFor()
    {
        var programme = DefaultProgramme.Load();
        Assert.Same(MethodSnapshot.Empty, DefaultMethodRecords.For(programme with { Id = "another" }, AsOf));

        var fewer = programme with { Goals = [.. programme.Goals.Where(g => g.Id != "wishes-recorded")] };
        var method = DefaultMethodRecords.For(fewer, AsOf);
        Assert.DoesNotContain(method.Cycles, c => c.GoalId == "wishes-recorded");
        Assert.Empty(method.ScoreHistory("wishes-recorded"));
        Assert.DoesNotContain("wishes-recorded", method.Events[0].Goals);
        Assert.All(method.Cycles, c => Assert.Empty(MethodValidator.Validate(c, fewer)));
    }
}
