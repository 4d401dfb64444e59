using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Host.Tests;
using Collaborative.Programme.Defaults;
using Microsoft.Playwright;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// The improvement method's read views in Chromium, against a host started on an empty store so it seeds both sample
/// programmes with their method records: a goal's driver diagram and the markers on its chart (live, too), the team
/// progress page with the sample scores, the learning events, and the audit page, which only an admin may read.
/// </summary>
public sealed class MethodViewTests(MethodViewTests.SampleHost fixture) : IClassFixture<MethodViewTests.SampleHost>
{
    private const string AdminToken = "method-admin-token-71ce";
    private const string LeaderToken = "method-leader-token-2a9d";
    private const string PartnerToken = "method-partner-token-c04f";
    private const string Partner = "sheffield-teaching-ft";
    private const string Sheffield = "sheffield-corporate-clinical";
    private const string Dignity = "dignity-always";

    private static readonly string Yorkshire = DefaultProgramme.Load().Id;

    /// <summary>The host on an empty store (both samples, seeded today) with an admin, a leader and a partner, and one Chromium.</summary>
    public sealed class SampleHost() : SignedInHostFixture(
        ("Programme office", "admin", null, AdminToken),
        ("Board chair", "leader", null, LeaderToken),
        ("Sheffield data team", "partner", Partner, PartnerToken));

    private string Url(string path) => fixture.Host.DashboardAddress + path;

    private async Task<IPage> SignedInAsync(string token, bool phone = false)
    {
        var page = await fixture.Chromium.NewPageAsync(phone);
        await page.GotoAsync(Url("/sign-in"));
        await page.FillAsync("#token", token);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("li.programme-card").First.WaitForAsync();
        return page;
    }

    /// <summary>The sample scores end in the last complete month (the host seeded them today).</summary>
    private static string LastMonth => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SampleGoalPage_ShowsItsDriverDiagram_AndItsCyclesNotesAndEventAsMarkers_ReadableOnFocus()
    {
        var definition = YamlProgrammeLoaderFor(DefaultProgramme.CorporateClinicalYaml());
        var diagram = definition.FindGoal(Dignity)!.DriverDiagram!;
        var page = await SignedInAsync(LeaderToken);
        var response = await page.GotoAsync(Url($"/programmes/{Sheffield}/goals/{Dignity}"));
        Assert.Equal(200, response!.Status);

        var svg = page.Locator("figure.driver-diagram svg.driver-svg");
        Assert.True(await svg.IsVisibleAsync());
        Assert.StartsWith("Driver diagram of Every patient is always treated with dignity", await page.Locator("#driver-diagram-title").TextContentAsync());
        Assert.Equal(diagram.PrimaryDrivers.Length, await svg.Locator("g.driver-primary").CountAsync());
        Assert.Equal(diagram.ChangeIdeas.Count(), await svg.Locator("g.driver-idea").CountAsync());
        Assert.Contains("PDSA cycle", await svg.Locator("g.driver-idea[data-id='dig.value-based-interviews'] title").TextContentAsync());

        // The chart carries the goal's cycles, note and learning event, each listed below it.
        var markers = page.Locator("#progress svg.xmr g.marker");
        var drawn = await markers.CountAsync();
        Assert.True(drawn >= 3, $"{drawn} markers on the chart");
        var kinds = await page.Locator("#progress table.markers tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-kind'))");
        Assert.Contains("pdsa", kinds);
        Assert.Contains("note", kinds);
        Assert.Contains("event", kinds);

        // Focused, a marker shows its text beside it and in the readout under the chart.
        var note = page.Locator("#progress svg.xmr g.marker[data-kind='note']").First;
        var label = await note.GetAttributeAsync("aria-label");
        Assert.Contains("Dignity in practice sessions began for whole ward teams.", label);
        Assert.Equal("hidden", await note.Locator(".tip").EvaluateAsync<string>("t => getComputedStyle(t).visibility"));
        await note.FocusAsync();
        Assert.Equal("visible", await note.Locator(".tip").EvaluateAsync<string>("t => getComputedStyle(t).visibility"));
        Assert.Equal(label, await page.Locator("#progress .readout").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "goal-method");

        // On a phone the diagram is a list that fits the width; printed, the picture is back.
        var phone = await SignedInAsync(LeaderToken, phone: true);
        await phone.GotoAsync(Url($"/programmes/{Sheffield}/goals/{Dignity}"));
        Assert.False(await phone.Locator("svg.driver-svg").IsVisibleAsync());
        Assert.True(await phone.Locator(".driver-list li[data-id='dig.curtain-clips']").IsVisibleAsync());
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than the phone");
        await Chromium.ScreenshotAsync(phone, "goal-method-phone");
        await phone.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await phone.Locator("svg.driver-svg").IsVisibleAsync());
    }

    [Fact]
    public async Task BoardPaper_MarksTheSampleGoalsChartAsTheGoalPageDoes_ListsTheMarkers_AndPrintsItsTeamsLatestScore()
    {
        var page = await SignedInAsync(LeaderToken);
        await page.GotoAsync(Url($"/programmes/{Sheffield}/goals/{Dignity}"));
        var onGoalPage = await page.Locator("#progress table.markers tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-record'))");
        var drawnOnGoalPage = await page.Locator("#progress svg.xmr g.marker").CountAsync();
        await page.GotoAsync(Url($"/programmes/{Sheffield}/team-progress"));
        var scored = await page.Locator($"table.team-progress tr[data-goal='{Dignity}'] .score").TextContentAsync();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var response = await page.GotoAsync(Url($"/programmes/{Sheffield}/board"));
        Assert.Equal(200, response!.Status);
        var goal = page.Locator($"section.board-goal[data-goal='{Dignity}']");

        // The same cycles, notes and learning event as on the goal page, on the chart and listed under it, in print.
        Assert.True(drawnOnGoalPage >= 3, $"{drawnOnGoalPage} markers on the goal page's chart");
        Assert.Equal(drawnOnGoalPage, await goal.Locator("svg.xmr g.marker").CountAsync());
        var rows = goal.Locator("table.markers tbody tr");
        Assert.Equal(onGoalPage, await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-record'))"));
        Assert.Equal(["event", "note", "pdsa"], (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-kind'))")).Distinct().Order());
        Assert.True(await goal.Locator(".chart-markers").IsVisibleAsync(), "the markers' list is not printed");
        Assert.True(await goal.Locator("svg.xmr g.marker").First.IsVisibleAsync(), "the markers are not printed on the chart");

        // The goal team's latest score, as the team progress page shows it.
        Assert.Equal(scored, await goal.Locator("dl.team-score .score").TextContentAsync());
        Assert.Contains($"({LastMonth})", await goal.Locator("dl.team-score").InnerTextAsync());

        // The summary still prints alone on the first page (A4 less Chromium's margins: 718 by 1,047 CSS pixels).
        await page.SetViewportSizeAsync(718, 1047);
        Assert.True(await page.Locator("section.board-summary-page").EvaluateAsync<double>("s => s.getBoundingClientRect().bottom") <= 1047, "the summary table does not fit on one printed page");
        await Chromium.ScreenshotAsync(page, "board-method-print");
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "board-paper-method.pdf"), Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 1000);
    }

    [Fact]
    public async Task GoalPage_RedrawsItsMarkersLive_WhenTheProgrammeRenamesAChangeIdea()
    {
        var page = await SignedInAsync(LeaderToken);
        await page.GotoAsync(Url($"/programmes/{Sheffield}/goals/{Dignity}"));
        var curtains = page.Locator("#progress table.markers tr[data-record^='dig.curtain-clips'] .text");
        Assert.Contains("Curtain clips and a 'please wait' sign at every bed space", await curtains.InnerTextAsync());
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace(
            "title: Curtain clips and a 'please wait' sign at every bed space", "title: Privacy curtains that close properly", StringComparison.Ordinal);
        await fixture.Host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml, FileName = "renamed.yaml", ProgrammeId = Sheffield }, DashboardHost.Bearer(AdminToken));

        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#progress svg.xmr g.marker')].some(m => m.getAttribute('aria-label').includes('Privacy curtains that close properly'))",
            null,
            new PageWaitForFunctionOptions { Timeout = Chromium.Patience });
        Assert.Contains("Privacy curtains that close properly", await curtains.InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task TeamProgressPage_ShowsTheSampleScores_AndAPartnerSeesOnlyItsGoalsTeams()
    {
        var yorkshire = DefaultProgramme.Load();
        var page = await SignedInAsync(LeaderToken);
        await page.GotoAsync(Url($"/programmes/{Yorkshire}"));
        await page.Locator("nav.method-links a", new() { HasText = "Team progress" }).ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Yorkshire}/team-progress");
        await page.Locator("table.team-progress").WaitForAsync();

        Assert.Equal($"{LastMonth}: 7 of 7 teams scored", await page.Locator("table.team-progress caption").InnerTextAsync());
        Assert.Equal(yorkshire.Goals.Select(g => g.Id), await page.Locator("table.team-progress tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-goal'))"));
        var meeting = page.Locator("tr[data-goal='teams-keep-meeting']");
        Assert.Equal("4.5 Sustainable improvement", await meeting.Locator(".score").TextContentAsync());
        Assert.Equal("up", await meeting.GetAttributeAsync("data-movement"));
        Assert.Equal("2.5 Changes tested, but no improvement", await page.Locator("tr[data-goal='wishes-recorded'] .score").TextContentAsync());
        Assert.Equal("3", await page.Locator("table.score-distribution tr[data-score='4.5']").GetAttributeAsync("data-teams"));
        Assert.Equal("Team progress", await page.Locator("nav.breadcrumb li").Last.InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "team-progress");

        // An earlier month by its address; a month that is not one is refused, naming the parameter.
        var earlier = DateTime.UtcNow.AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await page.GotoAsync(Url($"/programmes/{Yorkshire}/team-progress?month={earlier}"));
        Assert.StartsWith($"{earlier}: 7 of 7 teams scored", await page.Locator("table.team-progress caption").InnerTextAsync());
        var bad = await page.GotoAsync(Url($"/programmes/{Yorkshire}/team-progress?month=2026-13"));
        Assert.Equal(400, bad!.Status);
        Assert.StartsWith("month: '2026-13' is not a month", await page.Locator("p.error").InnerTextAsync());

        var partner = await SignedInAsync(PartnerToken);
        await partner.GotoAsync(Url($"/programmes/{Yorkshire}/team-progress"));
        var own = yorkshire.Goals.Where(g => g.CoOwners.Contains(Partner)).Select(g => g.Id).ToArray();
        Assert.NotEmpty(own);
        Assert.True(own.Length < yorkshire.Goals.Length);
        Assert.Equal(own, await partner.Locator("table.team-progress tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-goal'))"));
    }

    [Fact]
    public async Task LearningEventsPage_ListsTheSampleEvent_WithItsGoalsAndLessons()
    {
        var page = await SignedInAsync(LeaderToken);
        await page.GotoAsync(Url($"/programmes/{Sheffield}"));
        await page.Locator("nav.method-links a", new() { HasText = "Learning events" }).ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Sheffield}/learning-events");
        var item = page.Locator("li.learning-event[data-event='action-period-review']");
        await item.WaitForAsync();

        Assert.Equal("Action-period review: ward sisters and corporate leads", await item.Locator("h2").InnerTextAsync());
        Assert.Equal(2, await item.Locator(".goals-covered a").CountAsync());
        Assert.Equal(2, await item.Locator("ul.lessons li").CountAsync());
        await item.Locator($".goals-covered a[data-goal='{Dignity}']").ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Sheffield}/goals/{Dignity}");
    }

    [Fact]
    public async Task AuditPage_AnAdminReadsTheSeedsEntry_ALeaderAndAPartnerAreRefused()
    {
        var admin = await SignedInAsync(AdminToken);
        await admin.GotoAsync(Url($"/programmes/{Yorkshire}"));
        await admin.Locator("nav.method-links a", new() { HasText = "Audit" }).ClickAsync();
        await admin.WaitForURLAsync($"**/programmes/{Yorkshire}/audit");
        var seed = admin.Locator("li.audit-entry[data-kind='sample']");
        await seed.WaitForAsync();
        Assert.Contains("sample data", await seed.Locator(".who").InnerTextAsync());
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture), await admin.Locator("section.audit h2").InnerTextAsync());
        await Chromium.ScreenshotAsync(admin, "audit");

        foreach (var token in new[] { LeaderToken, PartnerToken })
        {
            var page = await SignedInAsync(token);
            Assert.Equal(0, await page.Locator("nav.method-links a", new() { HasText = "Audit" }).CountAsync());
            var refused = await page.GotoAsync(Url($"/programmes/{Yorkshire}/audit"));
            Assert.Equal(403, refused!.Status);
            Assert.Contains($"may not read the audit of method records of programme '{Yorkshire}': only an admin may.", await page.Locator("main").InnerTextAsync());
            Assert.Equal(0, await page.Locator("li.audit-entry").CountAsync());
            // Inside the layout: the programme's navigation and breadcrumb, and the way back to the portfolio.
            Assert.Equal("/", await page.Locator("main a.to-portfolio").GetAttributeAsync("href"));
            Assert.Equal([Yorkshire, Sheffield], await page.Locator("main ul.openable-programmes li").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-programme'))"));
            Assert.Equal("Audit", await page.Locator("nav.breadcrumb li").Last.InnerTextAsync());
        }
    }

    private static Collaborative.Programme.Definition.ProgrammeDefinition YamlProgrammeLoaderFor(string yaml) =>
        Collaborative.Programme.Definition.YamlProgrammeLoader.Load(yaml, DefaultProgramme.CorporateClinicalFileName);
}
