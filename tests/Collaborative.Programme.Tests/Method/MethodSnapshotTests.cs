using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Method;

public sealed class MethodSnapshotTests
{
    private static ProgressScore ScoreFor(string goal, int month, double score) =>
        Score with { GoalId = goal, Month = Period.Month(2025, month), Score = score };

    [Fact]
    public void ScoreHistory_OnePerMonthOldestFirst_ALaterRecordReplacesTheMonth()
    {
        var method = new MethodSnapshot(scores: [ScoreFor("fewer-opioids", 9, 2.0), ScoreFor("fewer-opioids", 8, 1.5), ScoreFor("fewer-opioids", 9, 2.5)]);

        Assert.Equal([("2025-08", 1.5), ("2025-09", 2.5)], method.ScoreHistory("fewer-opioids").Select(s => (s.Month.Label, s.Score)));
        Assert.Empty(method.ScoreHistory("other"));
    }

    [Fact]
    public void TeamProgress_SaysWhereEachTeamStandsThisMonth_AndHowItMoved()
    {
        var goals = new[] { "up", "down", "same", "new", "unscored" };
        var programme = Mini with { Goals = [.. goals.Select(id => Goal with { Id = id, DriverDiagram = null })] };
        var method = new MethodSnapshot(scores:
        [
            ScoreFor("up", 8, 2.0), ScoreFor("up", 10, 3.0),
            ScoreFor("down", 9, 3.5), ScoreFor("down", 10, 3.0),
            ScoreFor("same", 9, 2.5), ScoreFor("same", 10, 2.5),
            ScoreFor("new", 10, 1.0),
            ScoreFor("unscored", 9, 2.0),
        ]);

        var progress = TeamProgress.For(programme, method, Period.Month(2025, 10));

        Assert.Equal(
            [("up", ScoreMovement.Up, 1.0), ("down", ScoreMovement.Down, -0.5), ("same", ScoreMovement.Same, 0.0), ("new", ScoreMovement.New, (double?)null), ("unscored", ScoreMovement.NotScored, null)],
            progress.Standings.Select(s => (s.GoalId, s.Movement, s.Change)));
        Assert.Equal(2.0, progress.Standings[4].Previous!.Score); // the team's last score is still there to show
        Assert.Equal([1, 0, 0, 1, 2, 0, 0, 0, 0], progress.Distribution.Select(d => d.Teams));
        Assert.Throws<ArgumentException>(() => TeamProgress.For(programme, method, Period.IsoWeek(2025, 40)));
    }

    [Fact]
    public void LatestScoredMonth_IsTheLatestAReaderMaySee_UpToThisMonth_ElseThisMonth()
    {
        var method = new MethodSnapshot(scores: [ScoreFor("ours", 8, 2.0), ScoreFor("theirs", 10, 3.0), ScoreFor("ours", 9, 2.5)]);
        var today = new DateOnly(2025, 11, 20);

        Assert.Equal(Period.Month(2025, 10), TeamProgress.LatestScoredMonth(method, _ => true, today));
        Assert.Equal(Period.Month(2025, 9), TeamProgress.LatestScoredMonth(method, goal => goal == "ours", today));
        Assert.Equal(Period.Month(2025, 9), TeamProgress.LatestScoredMonth(method, _ => true, new DateOnly(2025, 9, 30)));
        Assert.Equal(Period.Month(2025, 11), TeamProgress.LatestScoredMonth(method, _ => false, today));
    }

    [Fact]
    public void MarkersFor_AGoal_AreItsCyclesAnnotationsAndEvents_InPeriodOrder()
    {
        var note = new ChartAnnotation { Id = "n1", GoalId = "fewer-opioids", Period = Period.Month(2025, 6), Text = "Guidance issued", Author = "Lee Lead", Recorded = new DateOnly(2025, 6, 12) };
        var elsewhere = Session with { Id = "ls-other", Goals = ["other"] };
        var planned = Cycle with { Id = "taper-2", Status = PdsaStatus.Planned, Started = null, Recorded = new DateOnly(2025, 11, 4) };
        var method = new MethodSnapshot([planned, Cycle], [note], [], [Session, elsewhere]);

        var markers = method.MarkersFor(Goal, PeriodKind.Month);

        Assert.Equal(
            [
                (ChartMarkerKind.Annotation, "n1", "2025-06"),
                (ChartMarkerKind.PdsaCycle, "taper-1", "2025-10"),
                (ChartMarkerKind.LearningEvent, "ls-2", "2025-10"),
                (ChartMarkerKind.PdsaCycle, "taper-2", "2025-11"),
            ],
            markers.Select(m => (m.Kind, m.RecordId, m.Period.Label)));
        Assert.Equal("PDSA (doing): Pharmacist-led tapering clinic. One practice offers a tapering review to ten patients", markers[1].Text);
        Assert.Equal("Guidance issued (Lee Lead)", markers[0].Text);
        // On a weekly chart: the week the cycle started; a monthly annotation belongs to no week.
        Assert.Equal(["2025-W41", "2025-W42", "2025-W45"], method.MarkersFor(Goal, PeriodKind.Week).Select(m => m.Period.Label));
    }
}
