using System.Net;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Collaborative.Host.Access;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// A host with principals configured: dashboard sign-in (leader, wrong token, partner, a return address
/// off the site), live updates carrying hostile programme text, and the same rules over gRPC with our
/// client (UNAUTHENTICATED, PERMISSION_DENIED naming role and action).
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string LeaderToken = "leader-token-7f3a9c";
    private const string CityToken = "city-partner-token-2b81";
    private const string CountyToken = "county-partner-token-e4d0";
    private const string AdminToken = "admin-token-91c5";

    private DashboardHost _host = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(
            withCounterPlugin: false,
            ("Board chair", "leader", null, LeaderToken),
            ("City data team", "partner", "city-ft", CityToken),
            ("County data team", "partner", "county-care", CountyToken),
            ("Programme office", "admin", null, AdminToken));

        try
        {
            // Each series is reported by a partner that co-owns its goal.
            await _host.ReportEveryRuleAsync(rule => rule.GoalId is "outside-goal" or "shift-goal" ? CityToken : CountyToken);
            _chromium = await Chromium.LaunchAsync();
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync fails: stop the host here, or it outlives the run.
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
    }

    [Fact]
    public async Task Dashboard_AsksForSignIn_RefusesAWrongToken_AndShowsALeaderEveryGoal()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/goals/shift-goal"));
        Assert.EndsWith("/sign-in?return=%2Fgoals%2Fshift-goal", page.Url);
        Assert.Equal(0, await page.Locator("svg.xmr").CountAsync());

        await page.FillAsync("#token", "not-a-token");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(401, refused.Status);
        Assert.Contains("not recognised", await page.Locator("[role=alert]").InnerTextAsync());
        await page.GotoAsync(_host.Url("/"));
        Assert.Contains("/sign-in", page.Url);

        await page.FillAsync("#token", LeaderToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/");
        await page.Locator("li.programme-card").First.WaitForAsync();
        Assert.Contains("Signed in as Board chair (leader)", await page.Locator(".session").InnerTextAsync());
        Assert.Equal(SpcSeries.GoalCount, await page.Locator("li.programme-card ul.goal-icons li").CountAsync());

        // The cookie is a session id: HttpOnly, SameSite=Strict, and never the token.
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "collab_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(LeaderToken, cookie.Value, StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("() => document.cookie.includes('collab_session') ? 'visible' : null"));

        await page.GotoAsync(_host.Url("/goals/trend-goal"));
        Assert.Equal(SpcSeries.Rules[2].Values.Length, await page.Locator("#progress svg.xmr circle.point").CountAsync());

        // Waiting for the sign-in page's "load" after the redirect raced on a fast host (the event could pass
        // unseen); wait for the 302 and the sign-in form instead.
        var signedOut = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(".sign-out button"), r => r.Url.EndsWith("/sign-out", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(302, signedOut.Status);
        await page.Locator("#token").WaitForAsync();
        Assert.EndsWith("/sign-in", page.Url);
        await page.GotoAsync(_host.Url("/"));
        Assert.Contains("/sign-in", page.Url);
    }

    [Fact]
    public async Task SignInAndSignOut_AreEnhancedForms_WithAntiforgeryTokens_AndAPostWithoutOneIsRefused()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/sign-in"));
        var form = page.Locator("form.sign-in");
        Assert.NotNull(await form.GetAttributeAsync("data-enhance"));
        Assert.NotEmpty(await form.Locator("input[name=__RequestVerificationToken]").GetAttributeAsync("value") ?? "");

        // A post from elsewhere has no token: refused, and no session starts.
        var forged = await page.Context.APIRequest.PostAsync(_host.Url("/sign-in"), new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData().Set("_handler", "sign-in").Set("token", LeaderToken).Set("return", "/"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, forged.Status);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "collab_session");

        // The form itself signs in, through blazor.web.js (no page load), and its sign-out form carries a token too.
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await page.FillAsync("#token", LeaderToken);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("li.programme-card").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the sign-in form was not enhanced");
        Assert.NotEmpty(await page.Locator("form.sign-out input[name=__RequestVerificationToken]").GetAttributeAsync("value") ?? "");
        var forgedSignOut = await page.Context.APIRequest.PostAsync(_host.Url("/sign-out"), new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData().Set("x", "y"), MaxRedirects = 0 });
        Assert.Equal(400, forgedSignOut.Status);
        await page.GotoAsync(_host.Url("/board"));
        Assert.Equal(SpcSeries.GoalCount, await page.Locator("table.board-summary tbody tr").CountAsync());
    }

    [Fact]
    public async Task Dashboard_ShowsAPartnerOnlyTheGoalsItCoOwns()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/sign-in"));
        await page.FillAsync("#token", CityToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/");
        await page.Locator("li.programme-card").First.WaitForAsync();
        var goals = await page.Locator("ul.goal-icons li").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-goal'))");
        Assert.Equal(["outside-goal", "shift-goal", "live-goal"], goals);
        Assert.Contains("city-ft co-owns", await page.Locator("p.scope").InnerTextAsync());
        await page.Locator("li.programme-card h2 a").ClickAsync();
        await page.Locator("article.goal-card").First.WaitForAsync();
        goals = await page.Locator("article.goal-card").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-goal'))");
        Assert.Equal(["outside-goal", "shift-goal", "live-goal"], goals);
        Assert.Contains("city-ft co-owns", await page.Locator(".goals .scope").InnerTextAsync());

        var other = await page.GotoAsync(_host.Url("/goals/trend-goal"));
        Assert.Equal(403, other!.Status);
        Assert.Contains("not one of them", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("svg.xmr").CountAsync());

        var own = await page.GotoAsync(_host.Url("/goals/shift-goal"));
        Assert.Equal(200, own!.Status);
        Assert.Equal(SpcSeries.Rules[1].Values.Length, await page.Locator("#progress svg.xmr circle.point").CountAsync());
        await Chromium.ScreenshotAsync(page, "partner-goal");
    }

    [Theory]
    [InlineData("/%09/example.com/x")] // a tab: "/\t/example.com" is "//example.com" to a browser
    [InlineData("/%0A/example.com/x")] // a line break: was a 500
    [InlineData("/%0D%0A/example.com/x")]
    [InlineData("//example.com/x")]
    [InlineData("/%5Cexample.com/x")]
    [InlineData("https://example.com/x")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_WithAReturnAddressOffTheSite_LandsOnTheProgramme(string hostileReturn)
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/sign-in?return=" + hostileReturn));
        await page.FillAsync("#token", LeaderToken);

        var signIn = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(302, signIn.Status);
        // Razor's redirect names the host's own origin in full.
        Assert.Equal(_host.Url("/"), await signIn.HeaderValueAsync("location"));
        await page.Locator("li.programme-card").First.WaitForAsync();
        Assert.Equal(_host.Url("/"), page.Url);
        Assert.NotNull(signIn.Headers["content-security-policy"]);
    }

    [Fact]
    public async Task SignIn_WithAReturnPathOnTheSite_GoesBackThere()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/goals/live-goal"));
        Assert.EndsWith("/sign-in?return=%2Fgoals%2Flive-goal", page.Url);
        await page.FillAsync("#token", LeaderToken);

        var signIn = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(_host.Url("/goals/live-goal"), await signIn.HeaderValueAsync("location"));
        await page.Locator("#progress svg.xmr").WaitForAsync();
    }

    [Fact]
    public async Task LiveUpdates_CarryAUnitWithLineBreaks_AsData_AndNeverAsFieldsOfTheirOwn()
    {
        // A unit with a bare CR, a CRLF and a LF, each followed by text shaped as an SSE field.
        var yaml = (await File.ReadAllTextAsync(DashboardHost.ProgrammeFile)).Replace(
            "    unit: days\n",
            "    unit: \"days\\revent: hijacked\\r\\nid: 666\\ndata: injected\"\n",
            StringComparison.Ordinal);
        Assert.Contains("hijacked", yaml);
        await _host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml }, DashboardHost.Bearer(AdminToken));

        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Url("/sign-in?return=%2Fgoals%2Flive-goal"));
        await page.FillAsync("#token", LeaderToken);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("#progress svg.xmr").WaitForAsync();

        // The browser's own EventSource reads the stream: the first event's type, id and data, whatever type it arrives as.
        var first = await page.EvaluateAsync<string[]>("""
            () => new Promise(resolve => {
              const source = new EventSource("/goals/live-goal/events");
              const seen = type => event => { source.close(); resolve([type, event.lastEventId, event.data]); };
              for (const type of ["progress", "hijacked", "message"]) { source.addEventListener(type, seen(type)); }
            })
            """);
        var (type, lastEventId, data) = (first[0], first[1], first[2]);
        Assert.Equal("progress", type);
        Assert.Matches("^[0-9]+\\.[0-9]+$", lastEventId); // observation sequence . method version
        Assert.DoesNotContain('\n', data);
        Assert.DoesNotContain('\r', data);

        // The page's own listener applies the next update, and shows the unit as the text it is.
        var before = await page.Locator("#progress svg.xmr circle.point").CountAsync();
        await _host.ReportAsync(SpcSeries.Live.MeasureId, [41], firstIndex: SpcSeries.Live.Values.Length, token: CountyToken);
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#progress svg.xmr circle.point').length === n",
            before + 1,
            new PageWaitForFunctionOptions { Timeout = Chromium.Patience });
        // Razor writes CR as a character reference, so the text arrives exactly as the programme has it, in order.
        var latest = await page.Locator("#progress .latest-value").TextContentAsync();
        Assert.Contains("days\revent: hijacked\r\nid: 666\ndata: injected", latest);
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("alias-bomb-key")]
    [InlineData("stale-window")]
    public async Task Grpc_UpdateProgramme_WithHostileYaml_IsRefusedWithThePosition_AndTheHostKeepsServing(string shape)
    {
        var (yaml, where) = shape switch
        {
            // Each of these once took the host down: a stack overflow, minutes hashing a key, a crash in the next check.
            "deep" => ("id: " + new string('[', 50_000) + "x" + new string(']', 50_000) + "\n", "hostile.yaml:1:36: nested more than 32 levels deep"),
            "alias-bomb-key" => (string.Concat(Enumerable.Range(0, 10).Select(n => $"a{n}: &a{n} [{string.Join(", ", Enumerable.Repeat(n == 0 ? "x" : $"*a{n - 1}", 10))}]\n")) + "? *a9\n: x\n",
                "hostile.yaml:6:10: aliases here make the document more than 200,000 nodes"),
            _ => (await File.ReadAllTextAsync(DashboardHost.ProgrammeFile) + "\nalignment:\n  rules:\n    measure.stale-data: { periods: 120001 }\n",
                "alignment.rules[measure.stale-data].periods: 'periods' must be from 1 to 520, not 120,001"),
        };
        var before = await _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer(AdminToken));

        var refused = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml, FileName = "hostile.yaml" }, DashboardHost.Bearer(AdminToken)));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("The programme was not changed.", refused.Status.Detail);
        Assert.Contains(where, refused.Status.Detail);
        var after = await _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer(AdminToken));
        Assert.Equal((before.Id, before.Version), (after.Id, after.Version));
    }

    [Fact]
    public async Task Grpc_WithoutAKnownToken_IsUnauthenticated()
    {
        var none = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer(null)));
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Contains("authorization: Bearer", none.Status.Detail);

        var wrong = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer("guessed")));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Contains("not one this host knows", wrong.Status.Detail);

        var programme = await _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer(LeaderToken));
        Assert.Equal("dashboard-programme", programme.Id);
    }

    [Fact]
    public async Task Grpc_EachRoleDoesOnlyWhatItMay_AndRefusalsNameTheRoleAndAction()
    {
        var yaml = await File.ReadAllTextAsync(DashboardHost.ProgrammeFile);

        var leaderUpdate = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml }, DashboardHost.Bearer(LeaderToken)));
        Assert.Equal(StatusCode.PermissionDenied, leaderUpdate.StatusCode);
        Assert.Contains("Leader 'Board chair' may not update the programme", leaderUpdate.Status.Detail);
        var partnerUpdate = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml }, DashboardHost.Bearer(CityToken)));
        Assert.Equal(StatusCode.PermissionDenied, partnerUpdate.StatusCode);
        Assert.Contains("only an admin", partnerUpdate.Status.Detail);

        var before = await _host.Channel.UnaryAsync(DashboardHost.GetProgramme, new GetProgrammeRequest(), DashboardHost.Bearer(AdminToken));
        var updated = await _host.Channel.UnaryAsync(DashboardHost.UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml }, DashboardHost.Bearer(AdminToken));
        Assert.Equal(before.Version + 1, updated.Version);

        // A partner reports its co-owned goals' measures only; a leader reports nothing.
        var foreign = await Assert.ThrowsAsync<RpcException>(() => _host.ReportAsync("m.trend", [50], firstIndex: 40, token: CityToken));
        Assert.Equal(StatusCode.PermissionDenied, foreign.StatusCode);
        Assert.Contains("Partner 'City data team' (city-ft) may not report observation #1 of measure 'm.trend'", foreign.Status.Detail);
        var leaderReport = await Assert.ThrowsAsync<RpcException>(() => _host.ReportAsync("m.live", [50], firstIndex: 40, token: LeaderToken));
        Assert.Equal(StatusCode.PermissionDenied, leaderReport.StatusCode);
        Assert.Contains("only partners report observations", leaderReport.Status.Detail);
        var own = await _host.ReportAsync("m.live", [48], firstIndex: 40, token: CityToken);
        Assert.False(own.Single().Duplicate);

        // Reads: a partner sees its co-owned goals; others are refused, naming the goal.
        var list = await _host.Channel.UnaryAsync(DashboardHost.ListGoalProgress, new ListGoalProgressRequest(), DashboardHost.Bearer(CountyToken));
        Assert.Equal(["shift-goal", "trend-goal", "two-of-three-goal", "live-goal"], list.Goals.Select(g => g.GoalId));
        var notOwned = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(DashboardHost.GetGoalProgress, new GetGoalProgressRequest { GoalId = "outside-goal" }, DashboardHost.Bearer(CountyToken)));
        Assert.Equal(StatusCode.PermissionDenied, notOwned.StatusCode);
        Assert.Contains("outside-goal", notOwned.Status.Detail);
        var observations = await _host.Channel.UnaryAsync(DashboardHost.ListObservations, new ListObservationsRequest(), DashboardHost.Bearer(CountyToken));
        Assert.DoesNotContain(observations.Observations, o => o.Observation.MeasureId == "m.outside");
        var leaderList = await _host.Channel.UnaryAsync(DashboardHost.ListGoalProgress, new ListGoalProgressRequest(), DashboardHost.Bearer(LeaderToken));
        Assert.Equal(SpcSeries.GoalCount, leaderList.Goals.Count);
    }

    [Fact]
    public void SingleUserMode_AnswersOnlyThisMachine_AndTokensAreMatchedByHash()
    {
        var single = new ProgrammeAccess(Options.Create(new AccessOptions()));
        Assert.True(single.Identify(IPAddress.Loopback, null)!.SingleUser);
        Assert.True(single.Identify(IPAddress.Parse("::ffff:127.0.0.1"), null)!.SingleUser);
        Assert.NotNull(single.Identify(null, null)); // a Unix socket
        Assert.Null(single.Identify(IPAddress.Parse("192.0.2.10"), null));

        var configured = new ProgrammeAccess(Options.Create(new AccessOptions
        {
            Principals = [new PrincipalOptions { Name = "Chair", Role = "leader", TokenSha256 = DashboardHost.Sha256(LeaderToken).ToUpperInvariant() }],
        }));
        Assert.Equal("Chair", configured.Identify(IPAddress.Parse("192.0.2.10"), LeaderToken)!.Name);
        Assert.Null(configured.Identify(IPAddress.Loopback, null)); // loopback is no credential once principals exist
        Assert.Null(configured.Identify(IPAddress.Loopback, LeaderToken + "x"));
    }

    [Fact]
    public void Principals_WithATokenInsteadOfAHash_OrAPartnerWithoutOrganisation_AreRefusedByName()
    {
        var options = new AccessOptions
        {
            Principals =
            [
                new PrincipalOptions { Name = "Chair", Role = "leader", TokenSha256 = LeaderToken },
                new PrincipalOptions { Name = "Team", Role = "partner", TokenSha256 = DashboardHost.Sha256(CityToken) },
                new PrincipalOptions { Name = "Who", Role = "owner", TokenSha256 = DashboardHost.Sha256(AdminToken) },
            ],
        };
        var problems = options.Problems().ToList();
        Assert.Contains(problems, p => p.Contains("Principals:0:TokenSha256", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Principals:1:Partner is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Principals:2:Role 'owner'", StringComparison.Ordinal));
    }
}
