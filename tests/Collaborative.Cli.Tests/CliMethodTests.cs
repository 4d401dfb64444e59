using System.Globalization;
using System.Text.Json.Nodes;
using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>
/// The improvement method's verbs (pdsa, annotate, score, team-progress, learning-event, driver-diagram, audit) of the
/// real `collab`, against one running host on the sample programmes with an admin, a leader and a partner; and on the
/// embedded store. Each test writes records no other test reads.
/// </summary>
public sealed class CliMethodTests(SampleProgrammesHost fixture) : IClassFixture<SampleProgrammesHost>
{
    private const string AdminToken = SampleProgrammesHost.AdminToken;
    private const string LeaderToken = SampleProgrammesHost.LeaderToken;
    private const string PartnerToken = SampleProgrammesHost.PartnerToken;

    private static readonly string ThisMonth = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static readonly string LastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Score_ThenTeamProgress_ShowIt_AsJsonAndAsATable()
    {
        var score = await Collab(LeaderToken, "score", "gold-line-reach", ThisMonth, "3.5", "--note", "Night calls answered in a minute");
        var json = await Collab(LeaderToken, "team-progress", "--month", ThisMonth, "--json");
        var table = await Collab(LeaderToken, "team-progress", "--month", ThisMonth);

        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains($"Progress score gold-line-reach/{ThisMonth} 3.5 (Improvement) created", score.Output);
        Assert.True(json.ExitCode == 0, json.ToString());
        var standing = json.Json.GetProperty("standings").EnumerateArray().Single(s => s.GetProperty("goal_id").GetString() == "gold-line-reach");
        Assert.Equal(3.5, standing.GetProperty("current").GetProperty("score").GetDouble());
        Assert.Equal("Board chair", standing.GetProperty("current").GetProperty("recorded_by").GetString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"Team progress, {ThisMonth}", table.Output);
        Assert.Contains("gold-line-reach", table.Output);
    }

    [Fact]
    public async Task Score_BadInput_IsAUsageError_NamingTheArgument()
    {
        var month = await Collab(LeaderToken, "score", "gold-line-reach", "2026-13", "3");
        var halfStep = await Collab(LeaderToken, "score", "gold-line-reach", LastMonth, "3.7");
        var notANumber = await Collab(LeaderToken, "score", "gold-line-reach", LastMonth, "three");
        var teamMonth = await Collab(LeaderToken, "team-progress", "--month", "last");

        Assert.True(month.ExitCode == 2, month.ToString());
        Assert.Contains("MONTH '2026-13' is not a month; expected YYYY-MM", month.Error);
        Assert.True(halfStep.ExitCode == 2, halfStep.ToString());
        Assert.Contains("The progress score was refused: SCORE (score): 3.7 is not a half step from 1.0 to 5.0", halfStep.Error);
        Assert.True(notANumber.ExitCode == 2, notANumber.ToString());
        Assert.Contains("three", notANumber.Error);
        Assert.Contains("score", notANumber.Error);
        Assert.True(teamMonth.ExitCode == 2, teamMonth.ToString());
        Assert.Contains("--month 'last' is not a month", teamMonth.Error);
    }

    [Fact]
    public async Task PdsaRecord_ThenList_ShowTheCycle_AndARefusalNamesEachOption()
    {
        var recorded = await Collab(LeaderToken, "pdsa", "record", "--goal", "wishes-recorded", "--idea", "wish.review-date-prompt", "--owner", "bradford-district-care-ft",
            "--status", "doing", "--plan", "Prompt at two practices for a month", "--prediction", "Half the reviews get a date", "--started", Today, "--json");
        var list = await Collab(LeaderToken, "pdsa", "list", "--goal", "wishes-recorded", "--json");
        var table = await Collab(LeaderToken, "pdsa", "list", "--goal", "wishes-recorded");
        var refused = await Collab(LeaderToken, "pdsa", "record", "--goal", "wishes-recorded", "--idea", "no-such-idea", "--owner", "bradford-district-care-ft", "--status", "done", "--plan", "Try it");
        var badDay = await Collab(LeaderToken, "pdsa", "record", "--goal", "wishes-recorded", "--idea", "wish.review-date-prompt", "--owner", "bradford-district-care-ft", "--status", "doing", "--started", "2026-02-30");
        var badStatus = await Collab(LeaderToken, "pdsa", "record", "--goal", "wishes-recorded", "--idea", "wish.review-date-prompt", "--owner", "bradford-district-care-ft", "--status", "finished");

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        var id = recorded.Json.GetProperty("stored").GetProperty("cycle").GetProperty("id").GetString()!;
        Assert.Matches("^pdsa-[0-9]+$", id);
        Assert.Equal("created", recorded.Json.GetProperty("action").GetString());
        var cycle = list.Json.GetProperty("cycles").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal(("doing", Today), (cycle.GetProperty("status").GetString(), cycle.GetProperty("started").GetString()));
        Assert.All(list.Json.GetProperty("cycles").EnumerateArray(), c => Assert.Equal("wishes-recorded", c.GetProperty("goal_id").GetString()));
        Assert.Contains(id, table.Output);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--idea (change_idea_id): goal 'wishes-recorded' has no change idea 'no-such-idea'", refused.Error);
        Assert.Contains("--prediction (prediction): missing required field 'prediction'", refused.Error);
        Assert.Contains("--act (act): ", refused.Error);
        Assert.True(badDay.ExitCode == 2, badDay.ToString());
        Assert.Contains("--started '2026-02-30' is not a day; expected YYYY-MM-DD", badDay.Error);
        Assert.True(badStatus.ExitCode == 2, badStatus.ToString());
        Assert.Contains("--status (status): ", badStatus.Error);
        Assert.Contains("'finished'", badStatus.Error);
    }

    [Fact]
    public async Task Annotate_AndLearningEvent_RecordAndList_AsTheCaller()
    {
        var note = await Collab(PartnerToken, "annotate", "wishes-recorded", LastMonth, "Befrienders started inviting carers", "--json");
        var recorded = await Collab(LeaderToken, "learning-event", "record", "--date", Today, "--title", "Learning session 5", "--kind", "learning_session",
            "--goal", "wishes-recorded", "--goal", "register-coverage", "--lesson", "Ask early", "--lesson", "Write it where all can read it");
        var list = await Collab(LeaderToken, "learning-event", "list", "--json");
        var table = await Collab(LeaderToken, "learning-event", "list", "--goal", "register-coverage");
        var badDate = await Collab(LeaderToken, "learning-event", "record", "--date", "tomorrow", "--title", "X");

        Assert.True(note.ExitCode == 0, note.ToString());
        Assert.Equal("Age UK data team", note.Json.GetProperty("stored").GetProperty("annotation").GetProperty("author").GetString());
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Matches("Learning event event-[0-9]+ created", recorded.Output);
        var stored = list.Json.GetProperty("learning_events").EnumerateArray().Single(e => e.GetProperty("title").GetString() == "Learning session 5");
        Assert.Equal(["wishes-recorded", "register-coverage"], stored.GetProperty("goal_ids").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["Ask early", "Write it where all can read it"], stored.GetProperty("lessons").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("Learning session 5", table.Output);
        Assert.True(badDate.ExitCode == 2, badDate.ToString());
        Assert.Contains("--date 'tomorrow' is not a day", badDate.Error);
    }

    [Fact]
    public async Task APartner_IsRefusedAGoalItDoesNotCoOwn_WithExitCode2()
    {
        var refused = await Collab(PartnerToken, "annotate", "fewer-hospital-deaths", LastMonth, "Not ours");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("may not record an annotation: partner 'age-uk-bradford' does not co-own goal 'fewer-hospital-deaths'", refused.Error);
        Assert.Contains("(PermissionDenied)", refused.Error);
    }

    [Fact]
    public async Task DriverDiagram_ShowAsJson_EditedAndSet_IsTheNewDiagram_ReviewedToday_AndABadFileNamesTheField()
    {
        var shown = await Collab(LeaderToken, "driver-diagram", "show", "register-coverage", "--json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        var diagram = JsonNode.Parse(shown.Output)!;
        diagram["primary_drivers"]![0]!["title"] = "Every practice codes the last year of life";
        var file = ObservationCsv.Write(fixture.Root, "diagram.json", diagram.ToJsonString());
        diagram["primary_drivers"]![0]!["title"] = "";
        var badFile = ObservationCsv.Write(fixture.Root, "bad-diagram.json", diagram.ToJsonString());
        var notJson = ObservationCsv.Write(fixture.Root, "not-a-diagram.json", "primary_drivers: []");

        var set = await Collab(LeaderToken, "driver-diagram", "set", "register-coverage", "--file", file);
        var tree = await Collab(LeaderToken, "driver-diagram", "show", "register-coverage");
        var refused = await Collab(LeaderToken, "driver-diagram", "set", "register-coverage", "--file", badFile);
        var unreadable = await Collab(LeaderToken, "driver-diagram", "set", "register-coverage", "--file", notJson);
        var unknown = await Collab(LeaderToken, "driver-diagram", "show", "no-such-goal");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"Driver diagram of goal register-coverage replaced", set.Output);
        Assert.Contains($"reviewed {Today}", set.Output);
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.Contains("Every practice codes the last year of life", tree.Output);
        Assert.Contains($"Reviewed {Today}.", tree.Output);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains($"--file {badFile}: The driver diagram was refused: primary_drivers[0].title: missing required field 'title'", refused.Error);
        Assert.True(unreadable.ExitCode == 2, unreadable.ToString());
        Assert.Contains($"--file {notJson}: not a driver diagram", unreadable.Error);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("GOAL 'no-such-goal' is not a shared goal of programme", unknown.Error);
    }

    [Fact]
    public async Task Audit_ForAnAdmin_ListsTheMonthsWrites_ALeaderIsRefused_AndABadMonthNamesTheOption()
    {
        await Collab(LeaderToken, "score", "teams-keep-meeting", LastMonth, "4.5", "--note", "Audit test");
        var audit = await Collab(AdminToken, "audit", "--json");
        var table = await Collab(AdminToken, "audit", "--month", ThisMonth);
        var leader = await Collab(LeaderToken, "audit");
        var badMonth = await Collab(AdminToken, "audit", "--month", "2026/11");

        Assert.True(audit.ExitCode == 0, audit.ToString());
        var entry = audit.Json.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("record_id").GetString() == $"teams-keep-meeting/{LastMonth}");
        Assert.Equal("Board chair", entry.GetProperty("author").GetProperty("principal").GetString());
        Assert.Equal("leader", entry.GetProperty("author").GetProperty("role").GetString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"audited write(s) in {ThisMonth}", table.Output);
        Assert.Contains("progress_score", table.Output);
        Assert.True(leader.ExitCode == 2, leader.ToString());
        Assert.Contains("may not read the audit of the improvement method: only an admin reads who recorded what.", leader.Error);
        Assert.True(badMonth.ExitCode == 2, badMonth.ToString());
        Assert.Contains("--month '2026/11' is not a month", badMonth.Error);
    }

    [Fact]
    public async Task OnTheEmbeddedStore_TheLocalUserScores_AndReadsItBack()
    {
        var data = Path.Combine(fixture.Root, "embedded-data");
        var address = NoHost.Address();
        var score = await CliRun.StartAsync(["score", "wishes-recorded", ThisMonth, "2.5", "--address", address, "--data-dir", data, "--json"]);
        var records = await CliRun.StartAsync(["team-progress", "--month", ThisMonth, "--address", address, "--data-dir", data, "--json"]);

        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains("reading the embedded store", score.Error);
        Assert.Equal("local user", score.Json.GetProperty("stored").GetProperty("score").GetProperty("recorded_by").GetString());
        Assert.True(records.ExitCode == 0, records.ToString());
        var standing = records.Json.GetProperty("standings").EnumerateArray().Single(s => s.GetProperty("goal_id").GetString() == "wishes-recorded");
        Assert.Equal(2.5, standing.GetProperty("current").GetProperty("score").GetDouble());
    }

    private Task<CliRun> Collab(string token, params string[] args) =>
        CliRun.StartAsync([.. args, "--address", $"http://{fixture.Host.Target}", "--token", token]);
}
