using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Collaborative.Programme.Defaults;

namespace Collaborative.Host.Tests;

/// <summary>
/// The dashboard's improvement method forms as a browser posts them, against the real host on the sample programme
/// (with its driver diagrams and sample cycles): each form stored for a leader and said on the page after the
/// redirect; refused without its antiforgery token; refused field by field with the input kept; and a partner
/// refused for a goal its organisation does not co-own, a staff system and the single-user dashboard offered no form.
/// Nothing refused is stored: the programme's method version, which each stored (and audited) write moves on by
/// one, stays where it was.
/// </summary>
public sealed partial class DashboardMethodFormsTests : IAsyncLifetime
{
    private const string LeaderToken = "leader-token-method-forms";
    private const string PartnerToken = "sheffield-partner-token-method-forms";
    private const string StaffToken = "sheffield-staff-token-method-forms";

    // fewer-hospital-deaths is co-owned by Bradford and Airedale partners; coaches-keep-coaching by Sheffield's.
    private const string LeadersGoal = "fewer-hospital-deaths";
    private const string PartnersGoal = "coaches-keep-coaching";

    private static readonly string Programme = DefaultProgramme.Load().Id;

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ThisMonth => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string GoalPath(string goalId) => $"/programmes/{Programme}/goals/{goalId}";

    private static string ProgrammePath => $"/programmes/{Programme}";

    public async Task InitializeAsync()
    {
        var plugins = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(plugins);
        _host = await HostProcess.StartAsync(Path.Combine(_root, "data"), plugins, environment: HostProcess.Principals(
            ("Board chair", "leader", null, LeaderToken),
            ("Sheffield data team", "partner", "sheffield-teaching-ft", PartnerToken),
            ("Sheffield ward system", "staff", "sheffield-teaching-ft", StaffToken)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public static TheoryData<string> Handlers => ["pdsa-cycle", "pdsa-cycle-update", "annotation", "progress-score", "learning-event"];

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Leader_PostsTheForm_WithItsToken_AndTheRecordIsStored_ThenSaidOnThePage(string handler)
    {
        using var leader = await SignedInAsync(LeaderToken);
        var (path, fields) = await LeadersPostAsync(leader, handler);
        var before = await MethodVersionAsync(leader);
        var page = await leader.GetStringAsync(path);

        using var posted = await DashboardForms.PostFormAsync(leader, path, handler, fields, DashboardForms.FormToken(page));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var back = posted.Headers.Location!.ToString();
        Assert.Contains($"{path}?saved={handler}&record=", back, StringComparison.Ordinal);
        Assert.EndsWith("#" + handler, back, StringComparison.Ordinal);
        Assert.Equal(before + 1, await MethodVersionAsync(leader));
        var shown = await leader.GetStringAsync(back);
        Assert.Matches($"<section class=\"method-form\" id=\"{handler}\"[^>]*>.*?<p class=\"form-saved\" role=\"status\">[^<]+ recorded\\.</p>", shown.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task TheMessageAfterAWrite_RepeatsOnlyARecordId_NotOtherTextInTheAddress()
    {
        using var leader = await SignedInAsync(LeaderToken);

        var id = await leader.GetStringAsync(GoalPath(LeadersGoal) + "?saved=annotation&record=note-12");
        var text = await leader.GetStringAsync(GoalPath(LeadersGoal) + "?saved=annotation&record=" + Uri.EscapeDataString("Your session expired: sign in at evil.example"));

        Assert.Contains("<p class=\"form-saved\" role=\"status\">Annotation note-12 recorded.</p>", id, StringComparison.Ordinal);
        Assert.DoesNotContain("form-saved", text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task APostWithoutItsAntiforgeryToken_IsRefused_AndNothingIsStored(string handler)
    {
        using var leader = await SignedInAsync(LeaderToken);
        var (path, fields) = await LeadersPostAsync(leader, handler);
        var before = await MethodVersionAsync(leader);

        using var forged = await DashboardForms.PostFormAsync(leader, path, handler, fields, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await MethodVersionAsync(leader));
    }

    [Fact]
    public async Task ACycleWithFieldsWrong_IsRefused_EachErrorBesideItsField_TheInputKept_AndNothingStored()
    {
        using var leader = await SignedInAsync(LeaderToken);
        var path = GoalPath(LeadersGoal);
        var before = await MethodVersionAsync(leader);
        var page = await leader.GetStringAsync(path);

        using var refused = await DashboardForms.PostFormAsync(leader, path, "pdsa-cycle", Cycle(status: "done", plan: "Ask <every> ward", prediction: ""), DashboardForms.FormToken(page));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        // Beside each field: its error, which the field names as what describes it; the summary links to each field.
        foreach (var (field, says) in new[] { ("prediction", "missing required field 'prediction'"), ("ended", "give the day it ended"), ("study", "missing required field 'study'"), ("act", "adopt, adapt or abandon") })
        {
            Assert.Matches($"<p class=\"field-error\" id=\"cycle-{field}-error\"><span>[^<]*{Regex.Escape(says)}", body);
            Assert.Matches($"<(textarea|input|select) id=\"cycle-{field}\"[^>]*aria-describedby=\"[^\"]*cycle-{field}-error\"[^>]*aria-invalid=\"true\"", body);
            Assert.Contains($"<a href=\"#cycle-{field}\">", body, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch("id=\"cycle-plan\"[^>]*aria-invalid", body);
        Assert.Contains(">Ask <every> ward</textarea>", body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"done\" selected>", body, StringComparison.Ordinal);
        Assert.Equal(before, await MethodVersionAsync(leader));
    }

    [Fact]
    public async Task APartner_SeesNoFormForAGoalItDoesNotCoOwn_AndACraftedPostIsRefused_NothingStored()
    {
        using var partner = await SignedInAsync(PartnerToken);
        using var leader = await SignedInAsync(LeaderToken);
        var before = await MethodVersionAsync(leader);

        using var other = await partner.GetAsync(GoalPath(LeadersGoal));
        var own = await partner.GetStringAsync(GoalPath(PartnersGoal));
        using var crafted = await DashboardForms.PostFormAsync(partner, GoalPath(LeadersGoal), "pdsa-cycle", Cycle(owner: "sheffield-teaching-ft"), DashboardForms.FormToken(own));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("method-form", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("id=\"pdsa-cycle\"", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
        Assert.Equal(before, await MethodVersionAsync(leader));
        Assert.DoesNotContain("Ask every ward", await leader.GetStringAsync(GoalPath(LeadersGoal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APartner_RecordsForAGoalItCoOwns_ButALearningEventNamingAnotherGoal_IsDeniedSayingWhy_NothingStored()
    {
        using var partner = await SignedInAsync(PartnerToken);
        using var leader = await SignedInAsync(LeaderToken);
        var goalPage = await partner.GetStringAsync(GoalPath(PartnersGoal));
        var programmePage = await partner.GetStringAsync(ProgrammePath);

        var before = await MethodVersionAsync(leader);
        using var score = await DashboardForms.PostFormAsync(partner, GoalPath(PartnersGoal), "progress-score", [new("Score.Month", ThisMonth), new("Score.Score", "2.5")], DashboardForms.FormToken(goalPage));
        Assert.Equal(HttpStatusCode.Redirect, score.StatusCode);
        Assert.Equal(before + 1, await MethodVersionAsync(leader));

        // The form offers only the goals it co-owns; a post naming another is the grain's to refuse.
        Assert.Equal(["coaches-keep-coaching", "teams-keep-meeting"], EventGoals().Matches(programmePage).Select(m => m.Groups[1].Value));
        using var denied = await DashboardForms.PostFormAsync(partner, ProgrammePath, "learning-event", LearningEvent("coaches-keep-coaching", LeadersGoal), DashboardForms.FormToken(programmePage));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var body = WebUtility.HtmlDecode(await denied.Content.ReadAsStringAsync());
        Assert.Contains($"<p class=\"denied\">partner 'sheffield-teaching-ft' does not co-own goal '{LeadersGoal}'", body, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"event-lessons\"[^>]*>Shared the coaching rota\r?\nProtected time matters</textarea>", body);
        Assert.Equal(before + 1, await MethodVersionAsync(leader));
    }

    [Fact]
    public async Task AStaffSystem_IsOfferedNoForm_AndACraftedPostIsRefused()
    {
        using var staff = await SignedInAsync(StaffToken);
        using var leader = await SignedInAsync(LeaderToken);
        var before = await MethodVersionAsync(leader);

        var page = await staff.GetStringAsync(GoalPath(PartnersGoal));
        var programmePage = await staff.GetStringAsync(ProgrammePath);
        using var crafted = await DashboardForms.PostFormAsync(staff, GoalPath(PartnersGoal), "progress-score", [new("Score.Month", ThisMonth), new("Score.Score", "2.5")], DashboardForms.FormToken(page));

        Assert.DoesNotContain("method-form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("method-form", programmePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
        Assert.Equal(before, await MethodVersionAsync(leader));
    }

    [Fact]
    public async Task TheSingleUserDashboard_IsReadOnly_AndOffersNoForm()
    {
        var root = TestPaths.NewTemporaryDirectory();
        try
        {
            var plugins = Path.Combine(root, "plugins");
            Directory.CreateDirectory(plugins);
            await using var single = await HostProcess.StartAsync(Path.Combine(root, "data"), plugins);
            using var local = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(single.DashboardAddress) };

            var page = await local.GetStringAsync(GoalPath(LeadersGoal));
            var programmePage = await local.GetStringAsync(ProgrammePath);
            var version = MethodVersion(page);
            // No page here carries a form but the sign-in page: its token, with a cycle, posted to the goal's page.
            var token = DashboardForms.FormToken(await local.GetStringAsync("/sign-in"));
            using var crafted = await DashboardForms.PostFormAsync(local, GoalPath(LeadersGoal), "pdsa-cycle", Cycle(), token);

            Assert.Contains("Local user (read-only", page, StringComparison.Ordinal);
            Assert.DoesNotContain("method-form", page, StringComparison.Ordinal);
            Assert.DoesNotContain("method-form", programmePage, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
            Assert.Equal(version, MethodVersion(await local.GetStringAsync(GoalPath(LeadersGoal))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Where <paramref name="handler"/>'s form is, and what a leader posts in it that the host stores.</summary>
    private async Task<(string Path, List<KeyValuePair<string, string>> Fields)> LeadersPostAsync(HttpClient leader, string handler)
    {
        switch (handler)
        {
            case "pdsa-cycle":
                return (GoalPath(LeadersGoal), Cycle());
            case "pdsa-cycle-update":
                // A sample cycle that is being done, moved on to studying: it ended today.
                var doing = DoingCycle().Match(await leader.GetStringAsync(GoalPath(LeadersGoal)));
                Assert.True(doing.Success, "the sample programme has a cycle being done on " + LeadersGoal);
                return (GoalPath(LeadersGoal), [new("Update.Id", doing.Groups[1].Value), new("Update.Status", "studying"), new("Update.Ended", Today), new("Update.Study", "Most requests were met the same night.")]);
            case "annotation":
                return (GoalPath(LeadersGoal), [new("Note.Period", ThisMonth), new("Note.Text", "New discharge rota began")]);
            case "progress-score":
                return (GoalPath(LeadersGoal), [new("Score.Month", ThisMonth), new("Score.Score", "3.5"), new("Score.Note", "Measures moving")]);
            default:
                return (ProgrammePath, LearningEvent(LeadersGoal, PartnersGoal));
        }
    }

    private static List<KeyValuePair<string, string>> Cycle(string status = "planned", string plan = "Ask every ward to read the register", string prediction = "Half the wards will read it", string owner = "airedale-ft") =>
    [
        new("Cycle.ChangeIdea", "fhd.register-alert-on-arrival"),
        new("Cycle.Owner", owner),
        new("Cycle.Status", status),
        new("Cycle.Plan", plan),
        new("Cycle.Prediction", prediction),
        new("Cycle.Started", status == "planned" ? "" : Today),
    ];

    private static List<KeyValuePair<string, string>> LearningEvent(params string[] goals) =>
    [
        new("Event.Date", Today),
        new("Event.Kind", "learning_session"),
        new("Event.Title", "Learning session 3"),
        .. goals.Select(g => new KeyValuePair<string, string>("Event.Goals", g)),
        new("Event.Lessons", "Shared the coaching rota\nProtected time matters"),
    ];

    /// <summary>The programme's method version, as the leader's goal page shows it (data-method-version).</summary>
    private static async Task<long> MethodVersionAsync(HttpClient leader) => MethodVersion(await leader.GetStringAsync(GoalPath(LeadersGoal)));

    private static long MethodVersion(string page)
    {
        var match = MethodVersionPattern().Match(page);
        Assert.True(match.Success, "the goal page shows its cycles with the method version");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<HttpClient> SignedInAsync(string token)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_host.DashboardAddress) };
        using var signIn = await DashboardForms.SignInAsync(http, token, "/");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return http;
    }

    [GeneratedRegex("data-method-version=\"([0-9]+)\"")]
    private static partial Regex MethodVersionPattern();

    [GeneratedRegex("data-cycle=\"([^\"]+)\" data-status=\"doing\"")]
    private static partial Regex DoingCycle();

    [GeneratedRegex("name=\"Event.Goals\" type=\"checkbox\" value=\"([^\"]+)\"")]
    private static partial Regex EventGoals();
}
