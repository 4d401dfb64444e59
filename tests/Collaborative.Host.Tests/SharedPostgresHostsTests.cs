using System.Net;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// Host processes behind one PostgreSQL (as behind a load balancer): three hosts, a partner reporting through one
/// while a leader watches on another, and the host holding the measure's grain SIGKILLed mid-ingest, after which
/// nothing acknowledged is lost and reads, writes and the watch carry on within seconds; and a leader signed in to
/// the dashboard through one host is signed in on the other, and an antiforgery token one host wrote is good on the other.
/// </summary>
public sealed class SharedPostgresHostsTests : IAsyncLifetime
{
    private static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = GrpcTestCalls.Method<GetGoalProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "GetGoalProgress");
    private static readonly Method<UpdateProgrammeRequest, UpdateProgrammeResponse> UpdateProgramme = GrpcTestCalls.Method<UpdateProgrammeRequest, UpdateProgrammeResponse>(Collaborative.Contracts.V1.Host.Descriptor, "UpdateProgramme");
    private static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = GrpcTestCalls.Method<ListObservationsRequest, ListObservationsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListObservations");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private string _connectionString = "";

    private string PostgresDirectory => Path.Combine(_root, "pg");

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresScript.StartAsync(TestPaths.RepositoryRoot, PostgresDirectory, HostProcess.FreePort());
    }

    public async Task DisposeAsync()
    {
        await PostgresScript.StopAsync(TestPaths.RepositoryRoot, PostgresDirectory);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ThreeHosts_TheOneHoldingTheMeasureKilledMidIngest_LoseNothingAcknowledged_AndRecoverWithinFiveSeconds()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var goal = new GetGoalProgressRequest { GoalId = "fewer-high-dose" };
        var quiet = new GetGoalProgressRequest { GoalId = "fewer-falls" };
        // Host A starts alone and is the first to touch the goals, so their measures' grains (and the goals' and the
        // programme's) are activated there, and stay there when B and C join: the host to kill is known.
        await using var a = await StartMemberAsync("a");
        await a.Channel.UnaryAsync(UpdateProgramme, new UpdateProgrammeRequest { Yaml = WithASecondGoal(), FileName = "programme.yaml" });
        Assert.Empty((await a.Channel.UnaryAsync(GetGoalProgress, goal)).Points);
        Assert.Empty((await a.Channel.UnaryAsync(GetGoalProgress, quiet)).Points);
        await using var b = await StartMemberAsync("b");
        await using var c = await StartMemberAsync("c");

        // A leader watches on B; partners report through A. Another watches a goal nobody reports to until A is dead.
        await using var watcher = WatchingLeader.Start(b, goal.GoalId);
        await watcher.PushedWithinAsync(0, TimeSpan.FromSeconds(10));
        await using var quietWatcher = WatchingLeader.Start(b, quiet.GoalId);
        await quietWatcher.PushedWithinAsync(0, TimeSpan.FromSeconds(10));

        // Live progress crosses hosts within 2 s: one observation reported through A reaches the watcher on B.
        var first = new ReportingPartner("opioid.high-dose", "pg", from: 0, count: 1);
        await first.RunAsync(() => ("a", a.Channel), giveUp.Token);
        var crossHostPush = await watcher.PushedWithinAsync(1, TimeSpan.FromSeconds(2)) - first.Acknowledgements[0].At;

        // A long report through A (a load balancer's choice), several observations in flight; A is SIGKILLed a
        // third of the way through, and the partner carries on through C, re-sending what was not acknowledged.
        const int count = 600;
        var killed = false;
        var partner = new ReportingPartner("opioid.high-dose", "pg", from: 1, count: count);
        var reporting = partner.RunAsync(() => Volatile.Read(ref killed) ? ("c", c.Channel) : ("a", a.Channel), giveUp.Token);
        await PollAsync(() => Task.FromResult(partner.Acknowledged >= count / 3 || reporting.IsCompleted), "a third of the report is acknowledged");
        Assert.False(reporting.IsCompleted, "the report ended before A was killed");
        var killedAt = DateTime.UtcNow;
        await a.KillAsync();
        Volatile.Write(ref killed, true);

        // Reads on B succeed again within 5 s of the kill (each try bounded, so a call to the dead host cannot stall it).
        var readAgainAt = DateTime.MinValue;
        await PollAsync(async () =>
        {
            try
            {
                await b.Channel.UnaryAsync(GetGoalProgress, goal, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(1)));
                readAgainAt = DateTime.UtcNow;
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.NotFound)
            {
                return false;
            }
        }, "B reads the goal again");

        await reporting;
        var acknowledgements = partner.Acknowledgements;
        Assert.True(acknowledgements.Count(ack => ack.Host == "a") < count, "A acknowledged the whole report before it was killed");
        var writtenAgainAt = acknowledgements.First(ack => ack.Host == "c").At;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"cross-host push {crossHostPush.TotalMilliseconds:F0} ms; after SIGKILL of the measure's host: reads again in {(readAgainAt - killedAt).TotalSeconds:F2} s, writes in {(writtenAgainAt - killedAt).TotalSeconds:F2} s"));
        Assert.True(readAgainAt - killedAt <= TimeSpan.FromSeconds(5), $"B read again {(readAgainAt - killedAt).TotalSeconds:F1} s after the kill");
        Assert.True(writtenAgainAt - killedAt <= TimeSpan.FromSeconds(5), $"C acknowledged again {(writtenAgainAt - killedAt).TotalSeconds:F1} s after the kill; breaks:\n{partner.Breaks}");

        // Every acknowledged observation is stored exactly once (and, re-sent until acknowledged, every one is).
        var stored = await b.Channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = "opioid.high-dose" });
        var ids = stored.Observations.Select(o => o.Observation.Id).ToList();
        Assert.Equal(first.Ids.Concat(partner.Ids).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

        // The watcher on B, whose grain moved from A to a survivor, sees the new progress.
        var upToDate = await watcher.PushedWithinAsync(count + 1, TimeSpan.FromSeconds(5)) - acknowledgements[^1].At;

        // A watcher that read nothing while A died has subscribed again all the same: the cluster declaring A dead
        // is its signal. A report to its goal through C reaches it on B within 2 s.
        var late = new ReportingPartner("e2e.falls", "quiet", from: 0, count: 1);
        await late.RunAsync(() => ("c", c.Channel), giveUp.Token);
        var quietPush = await quietWatcher.PushedWithinAsync(1, TimeSpan.FromSeconds(2)) - late.Acknowledgements[0].At;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the watcher on B was pushed the whole report {upToDate.TotalSeconds:F2} s after its last acknowledgement; the quiet one a report through C in {quietPush.TotalMilliseconds:F0} ms"));
    }

    [Fact]
    public async Task SignedInThroughOneHost_IsSignedInOnTheOther_AndSigningOutThereEndsIt()
    {
        const string token = "shared-hosts-leader-token";
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        var programme = Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");
        var member = ClusterMember();
        foreach (var (key, value) in HostProcess.Principals(("Board chair", "leader", null, token)))
        {
            member[key] = value;
        }

        await using var first = await HostProcess.StartAsync(Path.Combine(_root, "a"), Path.Combine(_root, "plugins"), programme, member);
        await using var second = await HostProcess.StartAsync(Path.Combine(_root, "b"), Path.Combine(_root, "plugins"), programme, new Dictionary<string, string>(member)
        {
            ["COLLABORATIVE__CLUSTER__SILOPORT"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["COLLABORATIVE__CLUSTER__GATEWAYPORT"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        // The sign-in form, as a browser posts it: with the antiforgery cookie and token the page came with.
        var (antiforgery, formToken) = await AntiforgeryAsync(browser, $"{first.DashboardAddress}/sign-in", null);
        using var signInPost = new HttpRequestMessage(HttpMethod.Post, $"{first.DashboardAddress}/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "sign-in", ["__RequestVerificationToken"] = formToken, ["token"] = token, ["return"] = "/" }),
        };
        signInPost.Headers.Add("Cookie", antiforgery);
        var signIn = await browser.SendAsync(signInPost);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("collab_session=", StringComparison.Ordinal)).Split(';')[0];

        Assert.Contains("Signed in as Board chair (leader)", await PageAsync(browser, second, cookie), StringComparison.Ordinal);

        // Signing out on the second host with the token the first host's page carried: the key ring is the cluster's.
        var (signedInAntiforgery, signOutToken) = await AntiforgeryAsync(browser, $"{first.DashboardAddress}/", cookie);
        using (var signOut = new HttpRequestMessage(HttpMethod.Post, $"{second.DashboardAddress}/sign-out"))
        {
            signOut.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken });
            signOut.Headers.Add("Cookie", $"{cookie}; {signedInAntiforgery}");
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(signOut)).StatusCode);
        }

        using var afterSignOut = new HttpRequestMessage(HttpMethod.Get, $"{first.DashboardAddress}/");
        afterSignOut.Headers.Add("Cookie", cookie);
        var refused = await browser.SendAsync(afterSignOut);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/sign-in", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A page's antiforgery cookie and the token its form carries.</summary>
    private static async Task<(string Cookie, string Token)> AntiforgeryAsync(HttpClient browser, string url, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = DashboardForms.FormToken(await response.Content.ReadAsStringAsync());
        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        return (antiforgery, token);
    }

    private static async Task<string> PageAsync(HttpClient browser, HostProcess host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host.DashboardAddress}/");
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>One member of the PostgreSQL cluster: ports of its own, and membership timings that notice a death in seconds.</summary>
    private Dictionary<string, string> ClusterMember() => new()
    {
        ["COLLABORATIVE__CLUSTER__PROVIDER"] = "PostgreSql",
        ["COLLABORATIVE__CLUSTER__CONNECTIONSTRING"] = _connectionString,
        ["COLLABORATIVE__CLUSTER__SILOPORT"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__GATEWAYPORT"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__ADVERTISEDADDRESS"] = "127.0.0.1",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__PROBETIMEOUT"] = "00:00:01",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__NUMMISSEDPROBESLIMIT"] = "2",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__TABLEREFRESHTIMEOUT"] = "00:00:02",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__IAMALIVETABLEPUBLISHTIMEOUT"] = "00:00:05",
    };

    /// <summary>The end-to-end programme with a second measure and a goal on it, co-owned like the first.</summary>
    private static string WithASecondGoal()
    {
        var yaml = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"));
        var goals = yaml.IndexOf("\ngoals:\n", StringComparison.Ordinal) + "\ngoals:\n".Length;
        var secondGoal = yaml[goals..].Replace("id: fewer-high-dose", "id: fewer-falls", StringComparison.Ordinal)
            .Replace("measure: opioid.high-dose", "measure: e2e.falls", StringComparison.Ordinal)
            .Replace("title: Fewer patients on high-dose opioids", "title: Fewer falls", StringComparison.Ordinal);
        const string measure = "  - id: e2e.falls\n    name: Falls\n    unit: patients\n    definition: Falls counted at month end.\n    period: month\n    improvement: lower\n";
        return yaml[..(goals - "goals:\n".Length)] + measure + "\ngoals:\n" + yaml[goals..] + secondGoal;
    }

    private Task<HostProcess> StartMemberAsync(string name)
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        return HostProcess.StartAsync(Path.Combine(_root, name), Path.Combine(_root, "plugins"), Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"), ClusterMember());
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms for up to 30 s; fails naming <paramref name="what"/>.</summary>
    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
