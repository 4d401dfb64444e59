using Collaborative.Contracts.V1;
using Microsoft.Playwright;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// The dashboard in real headless Chromium against the real host (single-user loopback mode): the
/// programme page, a goal's chart for each Making Data Count rule, a live update, the plugins page,
/// phone and print layouts. Screenshots land in TestResults/screenshots.
/// </summary>
public sealed class DashboardPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task ProgrammePage_ListsEveryGoalAsACard_WithIconTextAlternatives_AndFollowsAGoalToItsChart()
    {
        var page = await fixture.Chromium.NewPageAsync();
        var response = await page.GotoAsync(Host.Url(DashboardHost.ProgrammePath));
        Assert.Equal(200, response!.Status);

        // Programme text is encoded, not markup: the name has '<dashboard test>' in it.
        Assert.Equal("Safer opioid prescribing <dashboard test>", await page.Locator("main h1").InnerTextAsync());
        Assert.Contains("improve pain management & reduce harm", await page.Locator(".purpose").InnerTextAsync());
        Assert.Contains("County Community Care Trust", await page.Locator(".partners").InnerTextAsync());
        Assert.Contains("Opioid safety community", await page.Locator(".communities").InnerTextAsync());

        var cards = page.Locator("article.goal-card");
        Assert.Equal(SpcSeries.GoalCount, await cards.CountAsync());
        foreach (var rule in SpcSeries.Rules)
        {
            var card = page.Locator($"article.goal-card[data-goal='{rule.GoalId}']");
            var variation = await card.Locator(".icon.variation svg[role=img]").GetAttributeAsync("aria-label");
            var assurance = await card.Locator(".icon.assurance svg[role=img]").GetAttributeAsync("aria-label");
            Assert.StartsWith(rule.Colour == SpcSeries.Improvement ? "Special cause improvement" : "Special cause concern", variation);
            Assert.StartsWith("Assurance: ", assurance);
            Assert.Contains(variation!, await card.Locator(".icon.variation .icon-text").InnerTextAsync());
            Assert.Contains(SpcSeries.Month(rule.Values.Length - 1), await card.Locator(".latest-value").InnerTextAsync());
        }

        Assert.Equal("Special cause improvement (high)", await page.Locator("[data-goal='outside-goal'] .icon.variation svg").GetAttributeAsync("aria-label"));
        Assert.Equal("Special cause concern (high)", await page.Locator("[data-goal='two-of-three-goal'] .icon.variation svg").GetAttributeAsync("aria-label"));
        Assert.True(await page.Locator(".alignment table.principles tbody tr").CountAsync() >= 5, "a row per principle");
        await Chromium.ScreenshotAsync(page, "programme");

        await page.Locator("[data-goal='outside-goal'] h3 a").ClickAsync();
        await page.WaitForURLAsync($"**{DashboardHost.ProgrammePath}/goals/outside-goal");
        // Enhanced navigation changes the address before it patches the page: wait for the goal's chart.
        await page.Locator("#progress svg.xmr").WaitForAsync();
        Assert.Equal("More medication reviews", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(SpcSeries.Rules[0].Values.Length, await page.Locator("#progress svg.xmr circle.point").CountAsync());
    }

    [Theory]
    [InlineData("outside-goal")]
    [InlineData("shift-goal")]
    [InlineData("trend-goal")]
    [InlineData("two-of-three-goal")]
    public async Task GoalPage_ChartHasEveryPoint_AndTheRulesSpecialCauseInItsColour(string goalId)
    {
        var rule = SpcSeries.Rules.Single(r => r.GoalId == goalId);
        var progress = await Host.Channel.UnaryAsync(DashboardHost.GetGoalProgress, new GetGoalProgressRequest { GoalId = goalId });
        Assert.Contains(progress.Points, p => p.Signals.Contains(rule.Signal)); // the series does trigger its rule

        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(Host.Url($"/goals/{goalId}"));
        var points = page.Locator("#progress svg.xmr circle.point");
        Assert.Equal(progress.Points.Count, await points.CountAsync());
        Assert.Equal(rule.Values.Length, await points.CountAsync());

        // Each point's colour and text say what the host computed, point by point.
        for (var i = 0; i < progress.Points.Count; i++)
        {
            var expected = progress.Points[i].Improvement ? SpcSeries.Improvement : progress.Points[i].Concern ? SpcSeries.Concern : SpcSeries.CommonCause;
            Assert.Equal(expected, await points.Nth(i).GetAttributeAsync("fill"));
        }

        var flagged = page.Locator($"#progress svg.xmr circle.point[fill='{rule.Colour}']");
        Assert.True(await flagged.CountAsync() > 0, $"no point in {rule.Colour} on {goalId}");
        var labels = await flagged.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('aria-label'))");
        Assert.Contains(labels, l => l.Contains(rule.Signal, StringComparison.Ordinal));
        Assert.All(labels, l => Assert.Contains(rule.Colour == SpcSeries.Improvement ? "special cause improvement" : "special cause concern", l));

        // Baseline points are common cause (grey) and the baseline, mean, limits and target are drawn.
        Assert.Equal(SpcSeries.CommonCause, await points.First.GetAttributeAsync("fill"));
        Assert.Equal(1, await page.Locator("#progress svg.xmr g.baseline").CountAsync());
        Assert.Equal(1, await page.Locator("#progress svg.xmr line.mean").CountAsync());
        Assert.Equal(1, await page.Locator("#progress svg.xmr line.upper-limit").CountAsync());
        Assert.Equal(1, await page.Locator("#progress svg.xmr line.target").CountAsync());

        // Keyboard: a focused point names its period and value.
        var last = points.Last;
        await last.FocusAsync();
        var readout = await page.Locator("#progress .readout").InnerTextAsync();
        Assert.StartsWith($"{SpcSeries.Month(rule.Values.Length - 1)}: {rule.Values[^1]}", readout);
        Assert.Equal(await last.GetAttributeAsync("aria-label"), await last.Locator("title").TextContentAsync());

        await Chromium.ScreenshotAsync(page, $"goal-{goalId}");
    }

    [Fact]
    public async Task GoalPage_ShowsANewObservation_WithoutAReload()
    {
        var rule = SpcSeries.Live;
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(Host.Url($"/goals/{rule.GoalId}"));
        var before = await page.Locator("#progress svg.xmr circle.point").CountAsync();
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var index = before; // the next month after the series so far
        await Host.ReportAsync(rule.MeasureId, [50], firstIndex: index);

        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#progress svg.xmr circle.point').length === n",
            before + 1,
            new PageWaitForFunctionOptions { Timeout = Chromium.Patience });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        var newest = await page.Locator("#progress svg.xmr circle.point").Last.GetAttributeAsync("data-period");
        Assert.Equal(SpcSeries.Month(index), newest);
        Assert.Contains(SpcSeries.Month(index), await page.Locator("#progress .latest-value").InnerTextAsync());
    }

    [Fact]
    public async Task BoardPaper_OpensWithTheSummaryTable_OneRowPerGoal_WithTheRightIcons()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(Host.Url("/board"));

        var rows = page.Locator("table.board-summary tbody tr");
        Assert.Equal(SpcSeries.GoalCount, await rows.CountAsync());
        foreach (var rule in SpcSeries.Rules)
        {
            var progress = await Host.Channel.UnaryAsync(DashboardHost.GetGoalProgress, new GetGoalProgressRequest { GoalId = rule.GoalId });
            var row = page.Locator($"table.board-summary tr[data-goal='{rule.GoalId}']");
            var variation = await row.Locator(".variation svg[role=img]").GetAttributeAsync("aria-label");
            var assurance = await row.Locator(".assurance svg[role=img]").GetAttributeAsync("aria-label");
            Assert.StartsWith(rule.Colour == SpcSeries.Improvement ? "Special cause improvement" : "Special cause concern", variation);
            Assert.Equal(variation, await row.Locator(".variation svg title").TextContentAsync());
            Assert.StartsWith(progress.Assurance switch
            {
                AssuranceIcon.AssurancePass => "Assurance: the process consistently passes",
                AssuranceIcon.AssuranceFail => "Assurance: the process consistently fails",
                AssuranceIcon.AssuranceHitAndMiss => "Assurance: hit and miss",
                _ => "No assurance icon",
            }, assurance);
            Assert.Equal(progress.LatestPeriod, await row.Locator(".period").InnerTextAsync());
            Assert.Equal(progress.Segments[^1].Mean.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), await row.Locator(".mean").InnerTextAsync());
        }

        // The same icons as on the programme page.
        var home = await fixture.Chromium.NewPageAsync();
        await home.GotoAsync(Host.Url(DashboardHost.ProgrammePath));
        Assert.Equal(
            await home.Locator("[data-goal='trend-goal'] .icon.variation svg").InnerHTMLAsync(),
            await page.Locator("table.board-summary tr[data-goal='trend-goal'] .variation svg").InnerHTMLAsync());
        await Chromium.ScreenshotAsync(page, "board-summary");
    }

    [Fact]
    public async Task EnhancedNavigation_MovesBetweenPagesWithoutALoad_AndTheGoalPageStillGetsLiveUpdates()
    {
        var rule = SpcSeries.Live;
        var page = await fixture.Chromium.NewPageAsync();
        var refusedByPolicy = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusedByPolicy.Add(message.Text);
            }
        };
        await page.GotoAsync(Host.Url("/"));
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync(Host.Url("/_framework/blazor.web.js"))).Status);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        // blazor.web.js fetches the next page and patches the document: the window, and our marker, stay.
        await page.Locator($"li.programme-card[data-programme='{DashboardHost.ProgrammeId}'] h2 a").ClickAsync();
        await page.Locator("article.goal-card").First.WaitForAsync();
        Assert.Equal("page", await page.Locator($".masthead nav a[href='{DashboardHost.ProgrammePath}']").GetAttributeAsync("aria-current"));
        await page.Locator($".masthead nav a[href='{DashboardHost.ProgrammePath}/board']").ClickAsync();
        await page.Locator("table.board-summary").WaitForAsync();
        Assert.Equal("page", await page.Locator($".masthead nav a[href='{DashboardHost.ProgrammePath}/board']").GetAttributeAsync("aria-current"));
        await page.Locator($"table.board-summary tr[data-goal='{rule.GoalId}'] th a").ClickAsync();
        await page.WaitForURLAsync($"**/goals/{rule.GoalId}");
        await page.Locator("#progress svg.xmr").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "enhanced navigation reloaded the page");

        // The live stream was opened for the page we navigated to.
        var before = await page.Locator("#progress svg.xmr circle.point").CountAsync();
        var latest = (await Host.Channel.UnaryAsync(DashboardHost.GetGoalProgress, new GetGoalProgressRequest { GoalId = rule.GoalId })).Points.Count;
        await Host.ReportAsync(rule.MeasureId, [49], firstIndex: latest);
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#progress svg.xmr circle.point').length === n",
            before + 1,
            new PageWaitForFunctionOptions { Timeout = Chromium.Patience });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");

        // blazor.web.js works within the dashboard's strict content security policy: nothing it does is refused.
        Assert.Empty(refusedByPolicy);
    }

    [Fact]
    public async Task PluginsPage_ShowsTheModulesHealthBreakerAndRestarts()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(Host.Url("/plugins"));
        var row = page.Locator("tr[data-plugin='counter']");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await row.Locator(".state").InnerTextAsync() != "healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the counter plugin never showed healthy: {await row.InnerTextAsync()}");
            await page.ReloadAsync();
        }

        Assert.Equal("Closed", await row.Locator(".breaker").InnerTextAsync());
        Assert.Equal("0", await row.Locator(".restarts").InnerTextAsync());
        Assert.Contains("Counter module", await row.InnerTextAsync());
        Assert.Contains("city-ft", await row.InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "plugins");
    }

    [Fact]
    public async Task GoalPage_OnAPhone_FitsTheWidth_AndPrintsWithTheChartIntact()
    {
        var page = await fixture.Chromium.NewPageAsync(phone: true);
        await page.GotoAsync(Host.Url("/goals/two-of-three-goal"));
        // No sideways scrolling of the page itself: only the chart may scroll inside its own box.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than the phone");
        Assert.True(await page.Locator("#progress svg.xmr").IsVisibleAsync());
        await Chromium.ScreenshotAsync(page, "goal-phone");

        var board = await fixture.Chromium.NewPageAsync();
        await board.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await board.GotoAsync(Host.Url("/board"));

        // The summary table comes first, alone on the first printed page: A4 less Chromium's default margins is
        // about 1,047 CSS pixels tall at 96 per inch.
        var summary = board.Locator("section.board-summary-page");
        Assert.Equal("page", await summary.EvaluateAsync<string>("s => getComputedStyle(s).breakAfter"));
        await board.SetViewportSizeAsync(718, 1047);
        Assert.True(await summary.EvaluateAsync<double>("s => s.getBoundingClientRect().bottom") <= 1047, "the summary table does not fit on one printed page");
        // A large programme's board still prints its summary on one page: at the printed row height, 30 rows or more fit.
        var rowsThatFit = await summary.EvaluateAsync<double>("s => { const rows = [...s.querySelectorAll('tbody tr')]; const tallest = Math.max(...rows.map(r => r.getBoundingClientRect().height)); return Math.floor((1047 - s.querySelector('tbody').getBoundingClientRect().top) / tallest); }");
        Assert.True(rowsThatFit >= 30, $"only {rowsThatFit} summary rows fit on the printed page");
        Assert.True(await board.EvaluateAsync<bool>("() => document.querySelector('section.board-summary-page').compareDocumentPosition(document.querySelector('section.board-goal')) === Node.DOCUMENT_POSITION_FOLLOWING"));
        var sections = board.Locator("section.board-goal");
        Assert.Equal(SpcSeries.GoalCount, await sections.CountAsync());
        Assert.Equal("page", await sections.First.EvaluateAsync<string>("s => getComputedStyle(s).breakAfter"));
        Assert.False(await board.Locator(".masthead nav").IsVisibleAsync(), "navigation is not printed");
        for (var i = 0; i < SpcSeries.Rules.Length; i++)
        {
            Assert.Equal(SpcSeries.Rules[i].Values.Length, await board.Locator($"section.board-goal[data-goal='{SpcSeries.Rules[i].GoalId}'] svg.xmr circle.point").CountAsync());
        }

        // A goal with no method records yet says so on paper: nothing marked on its chart, its team not scored.
        Assert.True(await sections.First.Locator(".chart-markers p.empty").IsVisibleAsync());
        Assert.Equal("none", await sections.First.Locator("dl.team-score").GetAttributeAsync("data-score"));

        await Chromium.ScreenshotAsync(board, "board-print");
        var pdf = await board.PdfAsync(new PagePdfOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "board-paper.pdf"), Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 1000);
    }
}
