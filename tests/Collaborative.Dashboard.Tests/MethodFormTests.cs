using Collaborative.Host.Tests;
using Collaborative.Programme.Defaults;
using Microsoft.Playwright;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// The improvement method's forms in Chromium against a host on the sample programme (driver diagrams, sample
/// cycles): a PDSA cycle recorded in the form appears on its goal page, and live on a second page open at the goal; a
/// field's error appears beside it with what was typed kept; a partner is offered no form for a goal its organisation
/// does not co-own, is refused when it posts anyway, and is told why when it names such a goal in a learning event.
/// </summary>
public sealed class MethodFormTests(MethodFormTests.HostWithPrincipals fixture) : IClassFixture<MethodFormTests.HostWithPrincipals>
{
    private const string LeaderToken = "method-leader-token-41ac";
    private const string PartnerToken = "method-sheffield-token-9e02";

    // Co-owned by Bradford and Airedale partners; coaches-keep-coaching by Sheffield's.
    private const string LeadersGoal = "fewer-hospital-deaths";
    private const string PartnersGoal = "coaches-keep-coaching";

    private static readonly string Programme = DefaultProgramme.Load().Id;

    private static string GoalPath(string goalId) => $"/programmes/{Programme}/goals/{goalId}";

    private string Url(string path) => fixture.Host.DashboardAddress + path;

    [Fact]
    public async Task ACycleRecordedInTheForm_AppearsOnTheGoalPage_AndLiveOnASecondPageOpenAtTheGoal()
    {
        var writer = await SignedInAsync(LeaderToken, GoalPath(LeadersGoal));
        var watcher = await SignedInAsync(LeaderToken, GoalPath(LeadersGoal));
        var cycles = await watcher.Locator("#progress li.cycle").CountAsync();
        const string Plan = "Ward 7 reads the register for every arrival, for two weeks";
        await writer.EvaluateAsync("() => { window.notReloaded = true; }");

        var form = writer.Locator("#pdsa-cycle form");
        await form.Locator("#cycle-change-idea-id").SelectOptionAsync("fhd.register-alert-on-arrival");
        await form.Locator("#cycle-owner").SelectOptionAsync("airedale-ft");
        await form.Locator("#cycle-plan").FillAsync(Plan);
        await form.Locator("#cycle-prediction").FillAsync("Nine in ten arrivals are flagged within the hour");
        await form.Locator("button[type=submit]").ClickAsync();

        // Post/Redirect/Get through blazor.web.js: the page says what was recorded and lists it, without a reload.
        var saved = writer.Locator("#pdsa-cycle .form-saved[role=status]");
        await saved.WaitForAsync();
        Assert.Matches("^PDSA cycle pdsa-[0-9]+ recorded\\.$", await saved.InnerTextAsync());
        Assert.Contains("saved=pdsa-cycle", writer.Url, StringComparison.Ordinal);
        Assert.True(await writer.EvaluateAsync<bool>("() => window.notReloaded === true"), "the form was not enhanced");
        var recorded = writer.Locator("#progress li.cycle", new PageLocatorOptions { HasText = Plan });
        Assert.Equal(1, await recorded.CountAsync());
        Assert.Equal("planned", await recorded.GetAttributeAsync("data-status"));
        Assert.Equal(string.Empty, await writer.Locator("#cycle-plan").InputValueAsync());

        // The second page, left alone, gets the cycle through its live section.
        await watcher.Locator("#progress li.cycle", new PageLocatorOptions { HasText = Plan }).WaitForAsync();
        Assert.Equal(cycles + 1, await watcher.Locator("#progress li.cycle").CountAsync());
        Assert.Contains("Register alert in the emergency department", await watcher.Locator("#progress li.cycle").First.InnerTextAsync());

        // And as a marker of the chart: listed below it, and drawn on it when its period is one of the chart's.
        var id = (await saved.InnerTextAsync()).Split(' ')[2];
        foreach (var page in new[] { writer, watcher })
        {
            var row = page.Locator($"#progress .chart-markers tr[data-record='{id}']");
            Assert.Equal(1, await row.CountAsync());
            Assert.Equal("pdsa", await row.GetAttributeAsync("data-kind"));
            Assert.Contains(Plan, await row.InnerTextAsync(), StringComparison.Ordinal);
            var drawn = await page.Locator($"#progress svg.xmr g.marker[data-record='{id}']").CountAsync();
            Assert.Equal(await row.GetAttributeAsync("data-on-chart") == "yes" ? 1 : 0, drawn);
        }

        await Chromium.ScreenshotAsync(writer, "pdsa-cycle-recorded");
    }

    [Fact]
    public async Task AFieldsError_AppearsBesideIt_AndWhatWasTypedIsKept_OnAPhone()
    {
        var page = await SignedInAsync(LeaderToken, GoalPath(LeadersGoal), phone: true);
        var form = page.Locator("#pdsa-cycle form");
        await form.Locator("#cycle-plan").FillAsync("Try the alert in one department");
        await form.Locator("#cycle-status").SelectOptionAsync("doing");

        var refused = await page.RunAndWaitForResponseAsync(() => form.Locator("button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(422, refused.Status);
        var error = page.Locator("#cycle-prediction-error");
        await error.WaitForAsync();
        Assert.Contains("prediction", await error.InnerTextAsync());
        var prediction = page.Locator("#cycle-prediction");
        Assert.Equal("true", await prediction.GetAttributeAsync("aria-invalid"));
        Assert.Contains("cycle-prediction-error", await prediction.GetAttributeAsync("aria-describedby") ?? "");
        // The field's error sits in the field's own block, under its label.
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('cycle-prediction-error').parentElement === document.getElementById('cycle-prediction').parentElement"));
        Assert.Contains("give the day it started", await page.Locator("#cycle-started-error").InnerTextAsync());
        Assert.Equal("Try the alert in one department", await page.Locator("#cycle-plan").InputValueAsync());
        Assert.Equal("doing", await page.Locator("#cycle-status").InputValueAsync());
        Assert.Null(await page.Locator("#cycle-plan").GetAttributeAsync("aria-invalid"));
        Assert.Equal(2, await page.Locator("#pdsa-cycle .error-summary[role=alert] li a").CountAsync());
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.classList.contains('error-summary')");
        // Every form fits the phone's width: nothing to scroll sideways to reach a field or its error.
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.method-form input, .method-form select, .method-form textarea, .method-form button')].every(f => f.getBoundingClientRect().right <= document.documentElement.clientWidth)"));
        await Chromium.ScreenshotAsync(page, "pdsa-cycle-refused-phone");
    }

    [Fact]
    public async Task APartner_IsOfferedNoFormForAGoalItDoesNotCoOwn_IsRefusedWhenPostingAnyway_AndToldWhy()
    {
        var page = await SignedInAsync(PartnerToken, GoalPath(PartnersGoal));
        Assert.Equal(4, await page.Locator(".method-form form").CountAsync());
        var token = await page.Locator("#pdsa-cycle input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var leader = await SignedInAsync(LeaderToken, GoalPath(LeadersGoal));
        var version = await leader.Locator("#progress section.cycles").GetAttributeAsync("data-method-version");

        var other = await page.GotoAsync(Url(GoalPath(LeadersGoal)));
        Assert.Equal(403, other!.Status);
        Assert.Equal(0, await page.Locator(".method-form").CountAsync());

        // Posted anyway, with a token from its own goal's page: refused, and nothing is stored.
        var crafted = await page.Context.APIRequest.PostAsync(Url(GoalPath(LeadersGoal)), new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData()
                .Set("_handler", "pdsa-cycle").Set("__RequestVerificationToken", token!)
                .Set("Cycle.ChangeIdea", "fhd.register-alert-on-arrival").Set("Cycle.Owner", "sheffield-teaching-ft").Set("Cycle.Status", "planned")
                .Set("Cycle.Plan", "Not ours to plan").Set("Cycle.Prediction", "Refused"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, crafted.Status);

        // A learning event offers only its own goals; one altered in the page to name another is refused, saying why.
        await page.GotoAsync(Url($"/programmes/{Programme}"));
        var form = page.Locator("#learning-event form");
        Assert.Equal(["coaches-keep-coaching", "teams-keep-meeting"], await form.Locator("input[name='Event.Goals']").EvaluateAllAsync<string[]>("cs => cs.map(c => c.value)"));
        await page.EvaluateAsync($"() => {{ const box = document.getElementById('event-goal-0'); box.value = '{LeadersGoal}'; box.checked = true; }}");
        await form.Locator("#event-title").FillAsync("Coaching learning session");
        await form.Locator("#event-lessons").FillAsync("Protected time matters");
        var denied = await page.RunAndWaitForResponseAsync(() => form.Locator("button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(403, denied.Status);
        var why = page.Locator("#learning-event .error-summary .denied");
        await why.WaitForAsync();
        Assert.Contains($"does not co-own goal '{LeadersGoal}'", await why.InnerTextAsync());
        Assert.Equal("Coaching learning session", await page.Locator("#event-title").InputValueAsync());

        await leader.ReloadAsync();
        Assert.Equal(version, await leader.Locator("#progress section.cycles").GetAttributeAsync("data-method-version"));
        Assert.Equal(0, await leader.Locator("#progress li.cycle", new PageLocatorOptions { HasText = "Not ours to plan" }).CountAsync());
    }

    private async Task<IPage> SignedInAsync(string token, string path, bool phone = false)
    {
        var page = await fixture.Chromium.NewPageAsync(phone);
        await page.GotoAsync(Url("/sign-in?return=" + Uri.EscapeDataString(path)));
        await page.FillAsync("#token", token);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("#progress section.cycles").WaitForAsync();
        return page;
    }

    /// <summary>One host on a fresh store (the sample programme with its method records) with a leader and a Sheffield partner, and one Chromium.</summary>
    public sealed class HostWithPrincipals() : SignedInHostFixture(
        ("Board chair", "leader", null, LeaderToken),
        ("Sheffield data team", "partner", "sheffield-teaching-ft", PartnerToken));
}
