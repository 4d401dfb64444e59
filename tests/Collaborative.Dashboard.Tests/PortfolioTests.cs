using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Host.Tests;
using Collaborative.Programme.Defaults;
using Grpc.Core;
using Microsoft.Playwright;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// The portfolio in Chromium against a host started on an empty store, so it holds both sample programmes: the
/// portfolio lists and links to each, the second programme's pages render their charts and update live, and a
/// principal limited to one programme sees only it and is refused the other's pages.
/// </summary>
public sealed class PortfolioTests : IAsyncLifetime
{
    private const string LeaderToken = "portfolio-leader-token-5d2e";
    private const string LimitedToken = "portfolio-limited-token-8c1a";
    private const string PartnerToken = "portfolio-sheffield-token-3f7b";
    private const string Second = "sheffield-corporate-clinical";
    private const string SecondGoal = "dignity-always";
    private const string SecondMeasure = "dignity.always-treated-with-dignity";

    private static readonly string Default = DefaultProgramme.Load().Id;

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        var plugins = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(plugins);
        var environment = HostProcess.Principals(
            ("Board chair", "leader", null, LeaderToken),
            ("Corporate-clinical lead", "leader", null, LimitedToken),
            ("Sheffield data team", "partner", "sheffield-teaching-ft", PartnerToken));
        environment["COLLABORATIVE__ACCESS__PRINCIPALS__1__PROGRAMMES__0"] = Second;
        _host = await HostProcess.StartAsync(Path.Combine(_root, "data"), plugins, environment: environment);
        try
        {
            _chromium = await Chromium.LaunchAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string Url(string path) => _host.DashboardAddress + path;

    private async Task<IPage> SignedInAsync(string token, bool phone = false)
    {
        var page = await _chromium.NewPageAsync(phone);
        await page.GotoAsync(Url("/sign-in"));
        await page.FillAsync("#token", token);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("li.programme-card").First.WaitForAsync();
        return page;
    }

    private async Task<GoalProgress> SecondGoalProgressAsync() =>
        await _host.Channel.UnaryAsync(DashboardHost.GetGoalProgress, new GetGoalProgressRequest { ProgrammeId = Second, GoalId = SecondGoal }, DashboardHost.Bearer(LeaderToken));

    [Fact]
    public async Task Portfolio_ListsBothSampleProgrammes_WithIconsPerGoalAndAlignmentCounts_AndLinksToEach()
    {
        var page = await SignedInAsync(LeaderToken);

        var cards = page.Locator("li.programme-card");
        Assert.Equal([Default, Second], await cards.EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-programme'))"));
        foreach (var id in new[] { Default, Second })
        {
            var card = page.Locator($"li.programme-card[data-programme='{id}']");
            Assert.Equal($"/programmes/{id}", await card.Locator("h2 a").GetAttributeAsync("href"));
            var goals = await _host.Channel.UnaryAsync(DashboardHost.ListGoalProgress, new ListGoalProgressRequest { ProgrammeId = id }, DashboardHost.Bearer(LeaderToken));
            Assert.Equal(goals.Goals.Count, await card.Locator("ul.goal-icons li").CountAsync());
            Assert.Equal(goals.Goals.Count, await card.Locator("ul.goal-icons .variation svg[role=img]").CountAsync());
            Assert.Equal(goals.Goals.Count, await card.Locator("ul.goal-icons .assurance svg[role=img]").CountAsync());
            var alignment = await _host.Channel.UnaryAsync(
                GrpcTestCalls.Method<CheckAlignmentRequest, AlignmentReport>(Collaborative.Contracts.V1.Host.Descriptor, "CheckAlignment"),
                new CheckAlignmentRequest { ProgrammeId = id },
                DashboardHost.Bearer(LeaderToken));
            Assert.Equal($"{alignment.Errors} error{(alignment.Errors == 1 ? "" : "s")}", await card.Locator(".errors").InnerTextAsync());
            Assert.Equal($"{alignment.Warnings} warning{(alignment.Warnings == 1 ? "" : "s")}", await card.Locator(".warnings").InnerTextAsync());
        }

        Assert.Equal("Corporate and clinical teams together (sample programme)", await page.Locator($"li.programme-card[data-programme='{Second}'] h2 a").InnerTextAsync());

        // Each icon keeps its own text alternative and draws its picture from the page's one symbol of it.
        Assert.True(await page.EvaluateAsync<bool>(
            """
            () => [...document.querySelectorAll('ul.goal-icons svg[role=img]')].every(svg => {
                const use = svg.querySelector('use');
                return svg.querySelector('title').textContent === svg.getAttribute('aria-label')
                    && document.querySelector(use.getAttribute('href')) instanceof SVGSymbolElement
                    && use.getBBox().width > 0;
            })
            """), "an icon has no text alternative or draws nothing");
        await Chromium.ScreenshotAsync(page, "portfolio");

        // Each links to its programme's page, which says where it is: portfolio, then the programme.
        await page.Locator($"li.programme-card[data-programme='{Second}'] h2 a").ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Second}");
        await page.Locator("article.goal-card").First.WaitForAsync();
        Assert.Equal("Corporate and clinical teams together (sample programme)", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(["Portfolio", "Corporate and clinical teams together (sample programme)"], await page.Locator("nav.breadcrumb li").AllInnerTextsAsync());
        await page.Locator("nav.breadcrumb a[href='/']").ClickAsync();
        await page.Locator($"li.programme-card[data-programme='{Default}'] h2 a").ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Default}");
        await page.Locator("article.goal-card").First.WaitForAsync();
        Assert.Equal(DefaultProgramme.Load().Name, await page.Locator("main h1").InnerTextAsync());
    }

    [Fact]
    public async Task SecondProgramme_ItsProgrammeBoardAndGoalPages_RenderTheirIconsAndCharts()
    {
        var progress = await SecondGoalProgressAsync();
        var page = await SignedInAsync(LeaderToken);

        await page.GotoAsync(Url($"/programmes/{Second}"));
        Assert.Equal(["ward-issues-resolved", SecondGoal], await page.Locator("article.goal-card").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-goal'))"));
        Assert.Equal(2, await page.Locator("article.goal-card .icon.variation svg[role=img]").CountAsync());

        await page.Locator($"article.goal-card[data-goal='{SecondGoal}'] h3 a").ClickAsync();
        await page.WaitForURLAsync($"**/programmes/{Second}/goals/{SecondGoal}");
        await page.Locator("#progress svg.xmr").WaitForAsync();
        Assert.Equal(progress.Points.Count, await page.Locator("#progress svg.xmr circle.point").CountAsync());
        Assert.Equal(3, await page.Locator("nav.breadcrumb li").CountAsync());
        Assert.Equal("page", await page.Locator("nav.breadcrumb li").Last.Locator("a").GetAttributeAsync("aria-current"));
        await Chromium.ScreenshotAsync(page, "second-programme-goal");

        await page.GotoAsync(Url($"/programmes/{Second}/board"));
        Assert.Equal(2, await page.Locator("table.board-summary tbody tr").CountAsync());
        Assert.Equal(progress.Points.Count, await page.Locator($"section.board-goal[data-goal='{SecondGoal}'] svg.xmr circle.point").CountAsync());

        // On a phone the breadcrumb and the page fit the width.
        var phone = await SignedInAsync(LeaderToken, phone: true);
        await phone.GotoAsync(Url($"/programmes/{Second}/goals/{SecondGoal}"));
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than the phone");
        Assert.True(await phone.Locator("nav.breadcrumb").IsVisibleAsync());
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the portfolio is wider than the phone");

        // Printed, the breadcrumb still says where the page is; the masthead's navigation does not print.
        await phone.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await phone.Locator("nav.breadcrumb").IsVisibleAsync());
        Assert.False(await phone.Locator(".masthead nav").IsVisibleAsync());
    }

    [Fact]
    public async Task APrincipalLimitedToOneProgramme_SeesOnlyItInThePortfolio_AndIsRefusedTheOthersPages()
    {
        var page = await SignedInAsync(LimitedToken);
        Assert.Equal([Second], await page.Locator("li.programme-card").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-programme'))"));

        var other = await page.GotoAsync(Url($"/programmes/{Default}"));
        Assert.Equal(403, other!.Status);
        Assert.Contains($"may not read programme '{Default}': this principal is limited to programme '{Second}'.", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("article.goal-card").CountAsync());
        // A page of the dashboard: its masthead (naming no programme the reader may not see), sign-out, and the way on.
        await AssertAWayOnAsync(page);
        Assert.Equal("Collaborative", await page.Locator(".masthead .programme-name").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "not-your-programme");
        var goal = await page.GotoAsync(Url($"/programmes/{Default}/goals/{DefaultProgramme.Load().Goals[0].Id}"));
        Assert.Equal(403, goal!.Status);
        var board = await page.GotoAsync(Url("/board"));
        Assert.Equal(403, board!.Status);
        Assert.EndsWith($"/programmes/{Default}/board", page.Url);
        var events = await page.Context.APIRequest.GetAsync(Url($"/goals/{DefaultProgramme.Load().Goals[0].Id}/events"));
        Assert.Equal(403, events.Status);

        var own = await page.GotoAsync(Url($"/programmes/{Second}/goals/{SecondGoal}"));
        Assert.Equal(200, own!.Status);
        Assert.Equal((await SecondGoalProgressAsync()).Points.Count, await page.Locator("#progress svg.xmr circle.point").CountAsync());

        var unknown = await page.GotoAsync(Url("/programmes/no-such-programme"));
        Assert.Equal(404, unknown!.Status);
        Assert.Contains("no programme 'no-such-programme'", await page.Locator("main").InnerTextAsync());
        await AssertAWayOnAsync(page);

        // Followed, the way on leads back to the portfolio.
        await page.Locator("main a.to-portfolio").ClickAsync();
        await page.WaitForURLAsync(Url("/"));
        Assert.Equal([Second], await page.Locator("li.programme-card").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-programme'))"));

        // The refusal's sign-out form carries its antiforgery token: it signs the reader out.
        await page.GotoAsync(Url($"/programmes/{Default}"));
        await page.Locator(".masthead form.sign-out button").ClickAsync();
        await page.WaitForURLAsync("**/sign-in");
        Assert.EndsWith("/sign-in", (await page.GotoAsync(Url("/")))!.Url.Split('?')[0]);
    }

    /// <summary>A refusal inside the dashboard's layout: masthead and sign-out, a link back to the portfolio, and the one programme the principal may open.</summary>
    private async Task AssertAWayOnAsync(IPage page)
    {
        Assert.Equal(1, await page.Locator(".masthead nav a[href='/']").CountAsync());
        Assert.True(await page.Locator(".masthead form.sign-out button").IsVisibleAsync(), "no sign-out on the refusal");
        Assert.Equal("/", await page.Locator("main a.to-portfolio").GetAttributeAsync("href"));
        Assert.Equal([Second], await page.Locator("main ul.openable-programmes li").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-programme'))"));
        Assert.Equal($"/programmes/{Second}", await page.Locator("main ul.openable-programmes a").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task SecondProgrammesGoalPage_ShowsANewObservation_WithoutAReload()
    {
        var progress = await SecondGoalProgressAsync();
        var page = await SignedInAsync(LeaderToken);
        await page.GotoAsync(Url($"/programmes/{Second}/goals/{SecondGoal}"));
        var before = await page.Locator("#progress svg.xmr circle.point").CountAsync();
        Assert.Equal(progress.Points.Count, before);
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var next = DateOnly.ParseExact(progress.LatestPeriod, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var headers = new Metadata { { "authorization", "Bearer " + PartnerToken }, { "collab-programme", Second } };
        using (var call = _host.Channel.AsyncDuplexStreamingCall(DashboardHost.ReportObservations, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), headers)))
        {
            await call.RequestStream.WriteAsync(new Observation { Id = "portfolio-live-1", MeasureId = SecondMeasure, Period = next, Value = 93, Numerator = 93, Denominator = 100, Source = "dashboard-tests" });
            // MoveNext throws the call's RpcException when the host refuses the observation.
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.False(call.ResponseStream.Current.Duplicate);
            await call.RequestStream.CompleteAsync();
        }

        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#progress svg.xmr circle.point').length === n",
            before + 1,
            new PageWaitForFunctionOptions { Timeout = Chromium.Patience });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        Assert.Equal(next, await page.Locator("#progress svg.xmr circle.point").Last.GetAttributeAsync("data-period"));
    }
}
