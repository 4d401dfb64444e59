using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// Two host processes behind one PostgreSQL (as behind a load balancer): what a partner reports to one
/// host, a leader watching on the other is pushed and reads, and it stays after the first host is SIGKILLed;
/// a leader signed in to the dashboard through one host is signed in on the other, and an antiforgery token
/// one host wrote is good on the other.
/// </summary>
public sealed class SharedPostgresHostsTests : IAsyncLifetime
{
    private static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = GrpcTestCalls.Method<GetGoalProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "GetGoalProgress");
    private static readonly Method<WatchProgressRequest, GoalProgress> WatchProgress = GrpcTestCalls.Method<WatchProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "WatchProgress");
    private static readonly Method<Observation, ObservationAck> Report = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private string _connectionString = "";

    private string PostgresDirectory => Path.Combine(_root, "pg");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var (code, output, error) = await PostgresAsync("start", PostgresDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"Could not start a test PostgreSQL server (Debian 'postgresql'; tests/run.sh installs it): {error}");
        _connectionString = output.Trim();
    }

    public async Task DisposeAsync()
    {
        await PostgresAsync("stop", PostgresDirectory);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ReportedToOneHost_IsReadFromTheOther_AndSurvivesTheFirstHostsDeath()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        var programme = Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");
        await using var first = await HostProcess.StartAsync(Path.Combine(_root, "a"), Path.Combine(_root, "plugins"), programme, ClusterMember());
        await using var second = await HostProcess.StartAsync(Path.Combine(_root, "b"), Path.Combine(_root, "plugins"), programme, ClusterMember());

        // The second host reads first, so the goal's one activation in the cluster may well live there.
        Assert.Empty((await second.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" })).Points);

        // A leader watches on the second host while partners report through the first.
        using var watch = second.Channel.AsyncServerStreamingCall(WatchProgress, new WatchProgressRequest { GoalId = "fewer-high-dose" }, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(60)));
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Empty(watch.ResponseStream.Current.Points);

        using (var call = first.Channel.AsyncDuplexStreamingCall(Report))
        {
            for (var month = 1; month <= 14; month++)
            {
                await call.RequestStream.WriteAsync(new Observation { Id = $"pg-{month}", MeasureId = "opioid.high-dose", Period = new DateOnly(2025, 1, 1).AddMonths(month - 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), Value = 50 + month, Source = "test" });
                Assert.True(await call.ResponseStream.MoveNext());
            }

            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext());
        }

        // Live progress crosses hosts: the watcher on the second host is pushed the report taken by the first.
        using (var pushed = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (watch.ResponseStream.Current.Points.Count < 14)
            {
                Assert.True(await watch.ResponseStream.MoveNext(pushed.Token));
            }
        }

        await WaitForPointsAsync(second, 14);
        await first.KillAsync();

        // Orleans moves the grains the dead host held once membership declares it dead (about 2 s with these
        // timings); until then a call to them fails, so the survivor's read is retried within a bound.
        var after = await ReadAfterFailoverAsync(second);
        Assert.Equal(Enumerable.Range(1, 14).Select(m => 50.0 + m), after.Points.Select(p => p.Value));
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
            ["COLLABORATIVE__CLUSTER__SILOPORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["COLLABORATIVE__CLUSTER__GATEWAYPORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        var token = Regex.Match(await response.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
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
        ["COLLABORATIVE__CLUSTER__SILOPORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__GATEWAYPORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__ADVERTISEDADDRESS"] = "127.0.0.1",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__PROBETIMEOUT"] = "00:00:01",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__NUMMISSEDPROBESLIMIT"] = "2",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__TABLEREFRESHTIMEOUT"] = "00:00:02",
        ["COLLABORATIVE__CLUSTER__MEMBERSHIP__IAMALIVETABLEPUBLISHTIMEOUT"] = "00:00:05",
    };

    private static async Task<GoalProgress> ReadAfterFailoverAsync(HostProcess survivor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await survivor.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" });
            }
            catch (RpcException ex) when (DateTime.UtcNow < deadline)
            {
                Assert.NotEqual(StatusCode.NotFound, ex.StatusCode);
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPointsAsync(HostProcess host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var progress = await host.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" });
            if (progress.Points.Count == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the other host still sees {progress.Points.Count} points, not {count}");
            await Task.Delay(100);
        }
    }

    private static async Task<(int Code, string Output, string Error)> PostgresAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "tests", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
