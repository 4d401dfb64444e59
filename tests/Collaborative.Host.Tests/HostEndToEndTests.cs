using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// The host process end to end: a partner's Python grpcio client reports observations and reads back
/// progress and alignment; acknowledged observations survive SIGKILL.
/// </summary>
public sealed class HostEndToEndTests : IAsyncLifetime
{
    // Baseline (13 months, the fewest that give limits) around 60: mean 780/13 = 60, moving ranges
    // 4,2,1,2,4,6,3,2,4,3,2,1 so mean moving range 34/12, limits 60 ± 2.66·34/12 = 52.46 to 67.54.
    private static readonly double[] Baseline = [58, 62, 60, 61, 59, 63, 57, 60, 62, 58, 61, 59, 60];
    private const double MeanMovingRange = 34.0 / 12;
    // Then 8 months at 45: below the lower limit and a shift below the mean; lower is better.
    private static readonly double[] Improved = [45, 45, 45, 45, 45, 45, 45, 45];

    private static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = GrpcTestCalls.Method<GetGoalProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "GetGoalProgress");
    private static readonly Method<UpdateProgrammeRequest, UpdateProgrammeResponse> UpdateProgramme = GrpcTestCalls.Method<UpdateProgrammeRequest, UpdateProgrammeResponse>(Collaborative.Contracts.V1.Host.Descriptor, "UpdateProgramme");
    private static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = GrpcTestCalls.Method<ListObservationsRequest, ListObservationsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListObservations");
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private string ProgrammeFile => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        _host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task AFreshHost_StartsWithoutLoggingAFailure()
    {
        // The key ring (a grain) is read once the silo is up, not before it by Data Protection's start-up.
        await _host.WaitUntilAsync(() => Task.FromResult(_host.Output.Contains("Orleans Silo started", StringComparison.Ordinal)), "the host has logged its silo's start");
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"{_host.DashboardAddress}/sign-in")).StatusCode);
        Assert.DoesNotContain("fail:", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerReflection_ListsTheHostsServices_SoToolsNeedNoProtoFiles()
    {
        // What `grpcurl -plaintext 127.0.0.1:PORT list` asks.
        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo(GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(20)));
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("collaborative.v1.Host", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public void ReportedObservations_AreAcknowledged_AndProgressShowsTheSpecialCause()
    {
        var acks = Report(Series(0, Baseline.Concat(Improved)));
        Assert.Equal(21, acks.Count);
        Assert.All(acks, a => Assert.False(a.TryGetProperty("error", out _), a.ToString()));
        Assert.All(acks, a => Assert.False(a.TryGetProperty("duplicate", out var d) && d.GetBoolean()));

        var progress = Python("progress", "fewer-high-dose").Single();
        var points = progress.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(21, points.Count);
        var segment = progress.GetProperty("segments")[0];
        Assert.True(segment.TryGetProperty("mean", out _), $"segment has limits: {progress.GetProperty("segments")}");
        Assert.Equal(60.0, segment.GetProperty("mean").GetDouble(), 6);
        Assert.Equal(60 - (2.66 * MeanMovingRange), segment.GetProperty("lower_limit").GetDouble(), 6);
        Assert.Equal(60 + (2.66 * MeanMovingRange), segment.GetProperty("upper_limit").GetDouble(), 6);
        foreach (var point in points.Take(13))
        {
            Assert.False(point.TryGetProperty("improvement", out _), $"baseline point {point} is common cause");
        }

        foreach (var point in points.Skip(13))
        {
            Assert.True(point.TryGetProperty("improvement", out var improvement) && improvement.GetBoolean(), $"point {point} is special cause improvement");
            var signals = point.GetProperty("signals").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("outside-low", signals);
            Assert.Contains("shift-low", signals);
        }

        Assert.Equal("VARIATION_IMPROVEMENT_LOW", progress.GetProperty("variation").GetString());
        // Lower is better and the target (40) lies below the lower limit: the process as it runs will not meet it.
        Assert.Equal("ASSURANCE_FAIL", progress.GetProperty("assurance").GetString());
        Assert.Equal(45, progress.GetProperty("latest_value").GetDouble());
    }

    [Fact]
    public void ResentObservation_IsADuplicate_AndACorrectionKeepsTheEarlierRevision()
    {
        Report(Series(0, Baseline));
        var again = Report(Series(0, Baseline.Take(1)));
        Assert.True(again.Single().GetProperty("duplicate").GetBoolean());

        var correction = Report(Observation("fix-2025-01", "2025-01", 57.5));
        Assert.True(correction.Single().GetProperty("revised").GetBoolean());
        Assert.Equal(2, correction.Single().GetProperty("revision").GetInt32());

        var revisions = Python("observations", "opioid.high-dose").Single().GetProperty("observations").EnumerateArray()
            .Where(o => o.GetProperty("observation").GetProperty("period").GetString() == "2025-01-01").ToList();
        Assert.Equal(2, revisions.Count);
        Assert.Equal(58, revisions[0].GetProperty("observation").GetProperty("value").GetDouble());
        Assert.False(revisions[0].TryGetProperty("current", out _));
        Assert.Equal(57.5, revisions[1].GetProperty("observation").GetProperty("value").GetDouble());
        Assert.True(revisions[1].GetProperty("current").GetBoolean());

        var conflict = Report(Observation("obs-0", "2025-01", 99));
        Assert.Equal(3, conflict.Single().GetProperty("error").GetInt32());
        Assert.Contains("obs-0", conflict.Single().GetProperty("details").GetString());
    }

    [Fact]
    public void BadObservation_IsRefusedNamingWhatIsWrong_AndTheOnesBeforeItStand()
    {
        var lines = Observation("good-1", "2025-01", 60) + Observation("bad-1", "2025-02", 61, measure: "no.such-measure") + Observation("never", "2025-03", 62);
        var replies = Report(lines);
        Assert.Equal("good-1", replies[0].GetProperty("observation_id").GetString());
        Assert.Equal(3, replies[1].GetProperty("error").GetInt32()); // INVALID_ARGUMENT
        var details = replies[1].GetProperty("details").GetString()!;
        Assert.Contains("Observation #2", details);
        Assert.Contains("'no.such-measure'", details);
        Assert.Contains("The 1 before it were.", details);

        var stored = Python("observations", "opioid.high-dose").Single();
        Assert.Equal(["good-1"], stored.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("observation").GetProperty("id").GetString()));

        var badPeriod = Report(Observation("bad-2", "2025-13", 1));
        Assert.Contains("'2025-13' is not a month", badPeriod.Single().GetProperty("details").GetString());
    }

    [Fact]
    public void LargeReport_LandsWhole_AndAConflictInTheMiddleIsRefusedAtItsPosition()
    {
        // More than two of the host's chunks, so the report is written a chunk at a time.
        var months = Enumerable.Range(0, 600).Select(i => new DateOnly(2000, 1, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var replies = Report(string.Concat(months.Select((month, i) => Observation($"big-{i}", month, 60 + (i % 5)))));
        Assert.Equal(months.Select((_, i) => $"big-{i}"), replies.Select(r => r.GetProperty("observation_id").GetString()));
        Assert.All(replies, r => Assert.False(r.TryGetProperty("duplicate", out var duplicate) && duplicate.GetBoolean()));

        var lines = string.Concat(Enumerable.Range(0, 300).Select(i => Observation($"more-{i}", $"2055-{i % 12 + 1:00}", 50)))
            + Observation("big-7", months[7], 99)
            + Observation("never", "2056-01", 50);
        var second = Report(lines);
        Assert.Equal(301, second.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"more-{i}"), second.Take(300).Select(r => r.GetProperty("observation_id").GetString()));
        Assert.True(second[12].GetProperty("revised").GetBoolean());
        Assert.Equal(3, second[300].GetProperty("error").GetInt32()); // INVALID_ARGUMENT
        var details = second[300].GetProperty("details").GetString()!;
        Assert.Contains("Observation #301 was not recorded", details);
        Assert.Contains("big-7", details);
        Assert.Contains("The 300 before it were.", details);

        var stored = Python("observations", "opioid.high-dose").Single().GetProperty("observations").EnumerateArray()
            .Select(o => o.GetProperty("observation").GetProperty("id").GetString()).ToList();
        Assert.Equal(900, stored.Count);
        Assert.DoesNotContain("never", stored);
        Assert.Single(stored, id => id == "big-7");
    }

    [Theory]
    [InlineData("bad", "2025-13", 1)] // the programme refuses it: no such month
    [InlineData("m-3", "2000-02", 999)] // its measure refuses it: m-3 was recorded with value 3
    public async Task ReportOverSeveralMeasures_IsRecordedInOrder_UpToARefusalAtItsPosition(string refusedId, string refusedPeriod, double refusedValue)
    {
        var extra = string.Concat(new[] { "waits", "falls" }.Select(id =>
            $"  - id: e2e.{id}\n    name: {id}\n    unit: patients\n    definition: Patients counted at month end.\n    period: month\n    improvement: lower\n"));
        var yaml = File.ReadAllText(ProgrammeFile).Replace("\ngoals:\n", "\n" + extra + "\ngoals:\n", StringComparison.Ordinal);
        await _host.Channel.UnaryAsync(UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml, FileName = "programme.yaml" });

        string[] measures = ["opioid.high-dose", "e2e.waits", "e2e.falls"];
        // Interleaved over three measures, more than one chunk, then a refused observation at #451 (of the first
        // measure) and more after it, in all three: none of those may be recorded.
        var lines = string.Concat(Enumerable.Range(0, 600).Select(i => i == 450
            ? Observation(refusedId, refusedPeriod, refusedValue, measures[i % 3])
            : Observation($"m-{i}", new DateOnly(2000, 1, 1).AddMonths(i / 3).ToString("yyyy-MM", CultureInfo.InvariantCulture), i, measures[i % 3])));
        var replies = Report(lines);

        Assert.Equal(451, replies.Count);
        Assert.Equal(Enumerable.Range(0, 450).Select(i => $"m-{i}"), replies.Take(450).Select(r => r.GetProperty("observation_id").GetString()));
        var details = replies[450].GetProperty("details").GetString()!;
        Assert.Contains("Observation #451 was not recorded", details);
        Assert.Contains("The 450 before it were.", details);
        foreach (var (measure, m) in measures.Select((id, m) => (id, m)))
        {
            var stored = Python("observations", measure).Single().GetProperty("observations").EnumerateArray()
                .Select(o => o.GetProperty("observation").GetProperty("id").GetString());
            Assert.Equal(Enumerable.Range(0, 450).Where(i => i % 3 == m).Select(i => $"m-{i}"), stored);
        }
    }

    [Fact]
    public void Alignment_FindsTheGapsOfASingleOwnerGoal()
    {
        Report(Series(0, Baseline));
        var report = Python("alignment", "2026-01-15").Single();
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        var rules = findings.Select(f => f.GetProperty("rule_id").GetString()).ToHashSet();
        Assert.Contains("goal.single-owner", rules);
        Assert.Contains("goal.no-lived-experience", rules);
        Assert.Contains("goal.one-sided-team", rules);
        var single = findings.First(f => f.GetProperty("rule_id").GetString() == "goal.single-owner");
        Assert.Equal("fewer-high-dose", single.GetProperty("subject_id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(single.GetProperty("why").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(single.GetProperty("action").GetString()));
        Assert.Contains(report.GetProperty("principles").EnumerateArray(), p => p.GetProperty("principle_id").GetString() == "define-together");
    }

    [Fact]
    public void Alignment_ReadAgainAfterAReport_CountsTheNewObservations()
    {
        // The host keeps the ledger alignment reads until a measure changes: the second read must see the report.
        Report(Series(0, Baseline.Take(5)));
        Assert.Contains("goal.no-baseline", AlignmentRules("fewer-high-dose"));

        Report(Series(5, Baseline.Skip(5)));
        Assert.DoesNotContain("goal.no-baseline", AlignmentRules("fewer-high-dose"));
    }

    [Fact]
    public async Task WatchProgress_PushesNewProgress_WhenAnObservationArrives()
    {
        Report(Series(0, Baseline));
        using var watch = PythonHostClient.Start(_host.Target, "watch", "fewer-high-dose", "2");
        var first = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(13, JsonDocument.Parse(first!).RootElement.GetProperty("points").GetArrayLength());

        Report(Observation("late", "2026-02", 44));
        var second = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var progress = JsonDocument.Parse(second!).RootElement;
        Assert.Equal(14, progress.GetProperty("points").GetArrayLength());
        Assert.Equal(44, progress.GetProperty("latest_value").GetDouble());
        await watch.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AcknowledgedObservations_SurviveSigkill()
    {
        Report(Series(0, Baseline.Concat(Improved)));
        await _host.KillAsync();
        await _host.DisposeAsync();
        _host = await StartHostAsync();

        var progress = await _host.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" });
        Assert.Equal(21, progress.Points.Count);
        Assert.Equal(Baseline.Concat(Improved), progress.Points.Select(p => p.Value));
    }

    [Fact]
    public async Task SigkillMidIngest_LosesNothingAcknowledged_AndTheRestartedHostTakesTheRest()
    {
        // The embedded default (SQLite in the data directory): a partner streams a long report, several observations
        // in flight, and the host is SIGKILLed a third of the way through.
        const int count = 900;
        var partner = new ReportingPartner("opioid.high-dose", "kill", from: 0, count: count);
        var host = _host;
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reporting = partner.RunAsync(() => ("host", Volatile.Read(ref host).Channel), giveUp.Token);
        await _host.WaitUntilAsync(() => Task.FromResult(partner.Acknowledged >= count / 3 || reporting.IsCompleted), "a third of the report is acknowledged");
        Assert.False(reporting.IsCompleted, "the report ended before the host was killed");
        await _host.KillAsync();
        var acknowledgedBeforeTheKill = partner.Acknowledgements.Select(a => a.Id).ToList();
        Assert.InRange(acknowledgedBeforeTheKill.Count, count / 3, count - 1);

        // Restarted on the same data directory: every observation acknowledged before the kill is there, once.
        await _host.DisposeAsync();
        _host = await StartHostAsync();
        var stored = (await _host.Channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = "opioid.high-dose" }))
            .Observations.Select(o => o.Observation.Id).ToList();
        Assert.All(acknowledgedBeforeTheKill, id => Assert.Single(stored, id));
        Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());

        // The partner, re-sending what was not acknowledged, finishes on the restarted host: each stored exactly once.
        Volatile.Write(ref host, _host);
        await reporting;
        stored = [.. (await _host.Channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = "opioid.high-dose" }))
            .Observations.Select(o => o.Observation.Id)];
        Assert.Equal(partner.Ids.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownGoal_IsNotFound_AndAMissingIdIsInvalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "no-such-goal" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-goal", missing.Status.Detail);

        var empty = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest()));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("goal_id", empty.Status.Detail);
    }

    [Fact]
    public async Task MalformedProgrammeUpdate_IsRefusedWithItsPosition_AndNothingChanges()
    {
        var before = await _host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest());
        var yaml = File.ReadAllText(ProgrammeFile).Replace("co_owners: [city-ft]", "co_owners: [city-ft, nowhere-trust]", StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(UpdateProgramme, new UpdateProgrammeRequest { Yaml = yaml, FileName = "edited.yaml" }));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("edited.yaml", ex.Status.Detail);
        Assert.Contains("nowhere-trust", ex.Status.Detail);
        Assert.Contains("fewer-high-dose", ex.Status.Detail);

        var after = await _host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest());
        Assert.Equal(before.Version, after.Version);

        var fixedYaml = File.ReadAllText(ProgrammeFile).Replace("name: End-to-end test programme", "name: Renamed programme", StringComparison.Ordinal);
        var updated = await _host.Channel.UnaryAsync(UpdateProgramme, new UpdateProgrammeRequest { Yaml = fixedYaml });
        Assert.Equal(before.Version + 1, updated.Version);
        Assert.Equal("Renamed programme", (await _host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest())).Name);
    }

    [Fact]
    public async Task RefusedFirstProgrammeFile_KeepsTheHostUp_AndUpdateProgrammeReplacesIt()
    {
        var deep = Path.Combine(_root, "deep.yaml");
        File.WriteAllText(deep, "id: " + new string('[', 50_000) + "x" + new string(']', 50_000) + "\n");
        await using var refusedHost = await HostProcess.StartAsync(Path.Combine(_root, "refused-data"), Path.Combine(_root, "plugins"), deep);

        var read = await Assert.ThrowsAsync<RpcException>(() => refusedHost.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, read.StatusCode);
        Assert.Contains("deep.yaml:1:36: nested more than 32 levels deep", read.Status.Detail);
        var goal = await Assert.ThrowsAsync<RpcException>(() => refusedHost.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" }));
        Assert.Equal(StatusCode.FailedPrecondition, goal.StatusCode);
        using var browser = new HttpClient();
        var page = await browser.GetAsync(refusedHost.DashboardAddress + "/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("deep.yaml:1:36: nested more than 32 levels deep", await page.Content.ReadAsStringAsync());

        var updated = await refusedHost.Channel.UnaryAsync(UpdateProgramme, new UpdateProgrammeRequest { Yaml = File.ReadAllText(ProgrammeFile), FileName = "programme.yaml" });
        Assert.Equal(1, updated.Version);
        Assert.Equal("End-to-end test programme", (await refusedHost.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest())).Name);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(refusedHost.DashboardAddress + "/")).StatusCode);
    }

    private Task<HostProcess> StartHostAsync() =>
        HostProcess.StartAsync(Path.Combine(_root, "data"), Path.Combine(_root, "plugins"), ProgrammeFile);

    private List<JsonElement> Report(string observations) => PythonHostClient.Run(_host.Target, observations, "report");

    private List<JsonElement> Python(params string[] args) => PythonHostClient.Run(_host.Target, "", args);

    /// <summary>Monthly observations from January 2025, ids obs-0, obs-1, …</summary>
    private HashSet<string?> AlignmentRules(string subject) =>
        [.. Python("alignment", "2026-01-15").Single().GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("subject_id").GetString() == subject)
            .Select(f => f.GetProperty("rule_id").GetString())];

    private static string Series(int first, IEnumerable<double> values)
    {
        var sb = new StringBuilder();
        var i = first;
        foreach (var value in values)
        {
            var month = new DateOnly(2025, 1, 1).AddMonths(i);
            sb.Append(Observation($"obs-{i}", month.ToString("yyyy-MM", CultureInfo.InvariantCulture), value));
            i++;
        }

        return sb.ToString();
    }

    private static string Observation(string id, string period, double value, string measure = "opioid.high-dose") =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = id, ["measureId"] = measure, ["period"] = period, ["value"] = value, ["source"] = "e2e" }) + "\n";
}
