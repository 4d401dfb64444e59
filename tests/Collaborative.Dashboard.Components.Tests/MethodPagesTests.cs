using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using Google.Protobuf.WellKnownTypes;
using static Collaborative.Dashboard.Components.Tests.MethodSamples;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The programme's method pages: where the goal teams stand, the learning events, the audit of writes.</summary>
public sealed class MethodPagesTests : BunitContext
{
    private IRenderedComponent<TeamProgressTable> RenderTeamProgress(MethodSnapshot method, Period month) =>
        Render<TeamProgressTable>(ps => ps
            .Add(p => p.ProgrammeId, Yorkshire.Id)
            .Add(p => p.Programme, Yorkshire)
            .Add(p => p.Progress, TeamProgress.For(Yorkshire, method, month))
            .Add(p => p.Method, method));

    [Fact]
    public void TeamProgress_ShowsEachTeamsScoreLevelMeaningMovementAndHistory()
    {
        var cut = RenderTeamProgress(Records(Yorkshire), LastMonth);

        var rows = cut.FindAll("table.team-progress tbody tr");
        Assert.Equal(Yorkshire.Goals.Select(g => g.Id), rows.Select(r => r.GetAttribute("data-goal")));
        Assert.Equal($"{LastMonth.Label}: 7 of 7 teams scored", cut.Find("table.team-progress caption").TextContent);

        // The samples: coached teams moved from 4.0 to 4.5 in the last month; wishes recorded stayed at 2.5.
        var meeting = cut.Find("tr[data-goal='teams-keep-meeting']");
        Assert.Equal("up", meeting.GetAttribute("data-movement"));
        Assert.Equal("4.5 Sustainable improvement", meeting.QuerySelector(".score")!.TextContent);
        Assert.StartsWith(AssessmentScale.Level(4.5).Meaning, meeting.QuerySelector(".meaning")!.TextContent);
        Assert.Equal($"4.0 ({LastMonth.Previous().Label})", meeting.QuerySelector(".previous")!.TextContent);
        Assert.Equal("▲ up 0.5", meeting.QuerySelector(".movement")!.TextContent);
        Assert.StartsWith($"Scores: {LastMonth.Plus(-5).Label} 4.0, ", meeting.QuerySelector(".history svg")!.GetAttribute("aria-label"));
        Assert.Equal(6, meeting.QuerySelectorAll(".history svg rect").Length);
        Assert.Equal("same", cut.Find("tr[data-goal='wishes-recorded']").GetAttribute("data-movement"));
        Assert.Equal("/programmes/yorkshire-eol-and-coaching/goals/wishes-recorded", cut.Find("tr[data-goal='wishes-recorded'] th a").GetAttribute("href"));

        // Three teams at 2.5, one at 3.0, three at 4.5: every level listed, lowest first.
        var levels = cut.FindAll("table.score-distribution tbody tr");
        Assert.Equal(AssessmentScale.Levels.Length, levels.Count);
        Assert.Equal("3", cut.Find("table.score-distribution tr[data-score='2.5']").GetAttribute("data-teams"));
        Assert.Equal("1", cut.Find("table.score-distribution tr[data-score='3.0']").GetAttribute("data-teams"));
        Assert.Equal("3", cut.Find("table.score-distribution tr[data-score='4.5']").GetAttribute("data-teams"));
        Assert.Contains(AssessmentScale.Level(1.0).Title, levels[0].TextContent);
    }

    [Fact]
    public void TeamProgress_InAMonthNotScored_SaysSo_AndMovesNowhere()
    {
        var cut = RenderTeamProgress(Records(Yorkshire), LastMonth.Next());

        Assert.Equal($"{LastMonth.Next().Label}: 0 of 7 teams scored", cut.Find("table.team-progress caption").TextContent);
        Assert.All(cut.FindAll("table.team-progress tbody tr"), r =>
        {
            Assert.Equal("none", r.GetAttribute("data-movement"));
            Assert.Equal("not scored", r.QuerySelector(".movement")!.TextContent);
        });
    }

    [Fact]
    public void TeamProgress_AFirstScoreIsNew_AndAFallIsDown()
    {
        var month = Period.Month(2026, 10);
        ProgressScore Score(string goal, Period at, double score) => new() { GoalId = goal, Month = at, Score = score, RecordedBy = "lead", Recorded = new DateOnly(2026, 11, 2), Note = EncodingTests.Hostile };
        var method = new MethodSnapshot(scores: [Score("register-coverage", month, 2.0), Score("gold-line-reach", month.Previous(), 3.5), Score("gold-line-reach", month, 3.0)]);

        var cut = RenderTeamProgress(method, month);

        Assert.Equal("new: first score", cut.Find("tr[data-goal='register-coverage'] .movement").TextContent);
        Assert.Equal("▼ down 0.5", cut.Find("tr[data-goal='gold-line-reach'] .movement").TextContent);
        Assert.Empty(cut.FindAll("script, img"));
        Assert.Contains(EncodingTests.Hostile, cut.Find("tr[data-goal='gold-line-reach'] .meaning").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LearningEvents_ShowDateKindGoalsAndLessons_LinkingOnlyGoalsTheReaderMaySee()
    {
        var method = Records(Sheffield);
        var readable = new HashSet<string>(["dignity-always"]);

        var cut = Render<LearningEventList>(ps => ps.Add(p => p.ProgrammeId, Sheffield.Id).Add(p => p.Programme, Sheffield).Add(p => p.Events, method.Events).Add(p => p.ReadableGoals, readable));

        var item = cut.Find("li.learning-event[data-event='action-period-review']");
        Assert.Equal("Action-period review: ward sisters and corporate leads", item.QuerySelector("h2")!.TextContent);
        Assert.Equal("action period review", item.QuerySelector(".kind")!.TextContent);
        Assert.Equal(method.Events[0].Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), item.QuerySelector("time")!.TextContent);
        Assert.Equal("/programmes/sheffield-corporate-clinical/goals/dignity-always", item.QuerySelector("a[data-goal='dignity-always']")!.GetAttribute("href"));
        Assert.Null(item.QuerySelector("a[data-goal='ward-issues-resolved']"));
        Assert.Equal(Sheffield.FindGoal("ward-issues-resolved")!.Title, item.QuerySelector("span[data-goal='ward-issues-resolved']")!.TextContent);
        Assert.Equal(method.Events[0].Lessons, item.QuerySelectorAll("ul.lessons li").Select(l => l.TextContent));
    }

    [Fact]
    public void LearningEvents_HostileTitleAndLessons_AreText_AndNoEventsSaysSo()
    {
        var hostile = new LearningEvent { Id = "e\"><script>", Date = new DateOnly(2026, 9, 1), Kind = LearningEventKind.Webinar, Title = EncodingTests.Hostile, Goals = ["dignity-always"], Lessons = [EncodingTests.Hostile] };

        var cut = Render<LearningEventList>(ps => ps.Add(p => p.ProgrammeId, Sheffield.Id).Add(p => p.Programme, Sheffield).Add(p => p.Events, [hostile]).Add(p => p.ReadableGoals, new HashSet<string>()));
        var none = Render<LearningEventList>(ps => ps.Add(p => p.ProgrammeId, Sheffield.Id).Add(p => p.Programme, Sheffield).Add(p => p.Events, []).Add(p => p.ReadableGoals, new HashSet<string>()));

        Assert.Empty(cut.FindAll("script, img"));
        Assert.Equal(EncodingTests.Hostile, cut.Find("li.learning-event h2").TextContent);
        Assert.Equal(EncodingTests.Hostile, cut.Find("ul.lessons li").TextContent);
        Assert.Contains("No learning events recorded yet", none.Find("p.empty").TextContent);
    }

    [Fact]
    public void Audit_ListsEachWrite_WhenWhoWhatAndEachFieldBeforeAndAfter()
    {
        var entry = new MethodAuditEntry
        {
            Version = 7,
            At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 3, 9, 15, 0, TimeSpan.Zero)),
            Author = new MethodAuthor { Principal = "City data team", Role = "partner", Partner = "city-ft" },
            RecordKind = "pdsa_cycle",
            RecordId = "pdsa-3",
            Action = "updated",
        };
        entry.GoalIds.Add("dignity-always");
        entry.Changes.Add(new FieldChange { Field = "status", Before = "doing", After = "done" });
        entry.Changes.Add(new FieldChange { Field = "study", Before = "", After = EncodingTests.Hostile });

        var cut = Render<MethodAuditList>(ps => ps.Add(p => p.Entries, [entry]));

        var item = cut.Find("li.audit-entry[data-record='pdsa-3']");
        Assert.Equal("7", item.GetAttribute("data-version"));
        var what = item.QuerySelector(".audit-what")!.TextContent;
        Assert.Contains("2026-11-03 09:15:00 UTC", what);
        Assert.Contains("City data team (partner, city-ft)", what);
        Assert.Contains("updated", what);
        Assert.Contains("pdsa cycle 'pdsa-3' for dignity-always", what);
        var status = item.QuerySelector("tr[data-field='status']")!;
        Assert.Equal("doing", status.QuerySelector(".before")!.TextContent);
        Assert.Equal("done", status.QuerySelector(".after")!.TextContent);
        Assert.Equal(EncodingTests.Hostile, item.QuerySelector("tr[data-field='study'] .after")!.TextContent);
        Assert.Empty(cut.FindAll("script, img"));
    }

    [Fact]
    public void Audit_AMonthWithoutWrites_SaysSo()
    {
        var cut = Render<MethodAuditList>(ps => ps.Add(p => p.Entries, []));

        Assert.Contains("No PDSA cycles, notes, progress scores or learning events were recorded or changed", cut.Find("p.empty").TextContent);
    }
}
