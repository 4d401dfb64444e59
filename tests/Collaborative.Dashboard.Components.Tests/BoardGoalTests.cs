using Collaborative.Host.Dashboard.Components;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using static Collaborative.Dashboard.Components.Tests.MethodSamples;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>A goal's printed page of the board paper: its chart marked with what was tested and when, the markers listed, and its team's latest score.</summary>
public sealed class BoardGoalTests : BunitContext
{
    private static ProgressScore Score(double score, Period month) =>
        new() { GoalId = "reviews", Month = month, Score = score, RecordedBy = "Board chair", Recorded = month.Start };

    [Fact]
    public void ABoardGoal_MarksItsChart_ListsTheMarkersUnderIt_AndSaysItsTeamsLatestScore()
    {
        var cut = Render<BoardGoal>(ps => ps
            .Add(p => p.ProgrammeName, "Falls & reviews").Add(p => p.Goal, Samples.Goal()).Add(p => p.Progress, Samples.Progress())
            .Add(p => p.Markers, Markers(Before, Cycle, Session)).Add(p => p.Score, Score(3.5, Period.Month(2024, 12))));

        var section = cut.Find("section.board-goal");
        Assert.Equal("reviews", section.GetAttribute("data-goal"));
        Assert.Equal(["pdsa", "event"], cut.FindAll("svg.xmr g.marker").Select(m => m.GetAttribute("data-kind")));
        Assert.Equal(["pdsa-0", "pdsa-1", "event-1"], cut.FindAll("table.markers tbody tr").Select(r => r.GetAttribute("data-record")));
        Assert.Equal("2023-05 (not on the chart)", cut.Find("table.markers tbody tr .period").TextContent);

        // Under the goal's title (h2) the list's heading is an h3, its id the goal's own: the paper has every goal's.
        var heading = cut.Find(".chart-markers h3");
        Assert.Equal("board-markers-reviews-h", heading.Id);
        Assert.Equal(heading.Id, cut.Find(".chart-markers").GetAttribute("aria-labelledby"));
        Assert.Empty(cut.FindAll(".chart-markers h2"));

        var score = cut.Find("dl.team-score");
        Assert.Equal("3.5", score.GetAttribute("data-score"));
        Assert.Equal("3.5 Improvement", score.QuerySelector(".score")!.TextContent);
        Assert.Contains("(2024-12)", score.TextContent);
        Assert.Contains("the key measures show improvement", score.QuerySelector(".meaning")!.TextContent);
    }

    [Fact]
    public void ABoardGoal_WithNoMarkersAndNoScore_SaysSo()
    {
        var cut = Render<BoardGoal>(ps => ps
            .Add(p => p.ProgrammeName, "Falls").Add(p => p.Goal, Samples.Goal()).Add(p => p.Progress, Samples.Progress()));

        Assert.Empty(cut.FindAll("svg.xmr g.marker"));
        Assert.Contains("Nothing marked on this chart yet", cut.Find(".chart-markers p.empty").TextContent);
        Assert.Equal("none", cut.Find("dl.team-score").GetAttribute("data-score"));
        Assert.Contains("not scored yet", cut.Find("dl.team-score dd").TextContent);
    }

    [Fact]
    public void TheSampleGoal_PrintsItsCyclesNotesAndEvent()
    {
        var goal = Sheffield.FindGoal("dignity-always")!;
        var records = Records(Sheffield);
        var markers = records.MarkersFor(goal, PeriodKind.Month);
        var latest = records.ScoreHistory(goal.Id)[^1];

        var cut = Render<BoardGoal>(ps => ps
            .Add(p => p.ProgrammeName, Sheffield.Name).Add(p => p.Goal, Samples.Goal(goal.Id, goal.Title)).Add(p => p.Progress, Samples.Progress(goal.Id))
            .Add(p => p.Markers, markers).Add(p => p.Score, latest));

        var kinds = cut.FindAll("table.markers tbody tr").Select(r => r.GetAttribute("data-kind")).ToList();
        Assert.Equal(markers.Length, kinds.Count);
        Assert.Contains("pdsa", kinds);
        Assert.Contains("note", kinds);
        Assert.Contains("event", kinds);
        Assert.Equal(LastMonth, latest.Month);
        Assert.Contains($"({LastMonth.Label})", cut.Find("dl.team-score").TextContent);
    }
}
