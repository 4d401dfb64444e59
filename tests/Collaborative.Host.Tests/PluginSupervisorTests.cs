using System.Diagnostics;
using Collaborative.Host.Plugins;

namespace Collaborative.Host.Tests;

/// <summary>The supervisor with real plugin processes: start, crash, ill health, breaker, shutdown.</summary>
public sealed class PluginSupervisorTests
{
    [Fact]
    public async Task HealthyPlugin_IsReportedHealthy_AndItsObservationsArrive()
    {
        await using var harness = new SupervisorHarness();
        harness.AddCounter("counter");
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("counter").State == PluginState.Healthy, "the plugin is healthy");
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Count >= 20, "20 observations arrived");
        var status = harness.Status("counter");
        Assert.Equal("Closed", status.BreakerState);
        Assert.Equal(0, status.Restarts);
        Assert.NotNull(status.LastObservationAt);
        Assert.StartsWith("unix:", status.Address);
    }

    [Fact]
    public async Task AlignmentContributions_AreTakenInTheBackground_AndReadingThemNeverCallsThePlugin()
    {
        await using var harness = new SupervisorHarness();
        harness.AddCounter("counter");
        await harness.StartAsync();
        await harness.WaitUntilAsync(() => harness.Supervisor.Alignments.Any(a => a.PluginId == "counter"), "the plugin's contribution was taken");

        // No successful collection, so no refresh: from the failed collection on, only readers could call it.
        File.WriteAllText(Path.Combine(harness.DataDirectory("counter"), "fail-collect"), "");
        await harness.WaitUntilAsync(() => harness.Status("counter").LastError?.StartsWith("collecting observations failed", StringComparison.Ordinal) == true, "a collection failed");
        var calls = AlignmentCalls(harness);
        var taken = harness.Supervisor.Alignments.Single();
        for (var i = 0; i < 5; i++)
        {
            var read = harness.Supervisor.Alignments.Single();
            Assert.Equal(taken.TakenAt, read.TakenAt);
            Assert.Equal($"evaluation {calls} of test-programme", read.Findings.Single().What);
            Assert.Equal("counter", read.Findings.Single().Source);
        }

        Assert.Equal(calls, AlignmentCalls(harness));

        File.Delete(Path.Combine(harness.DataDirectory("counter"), "fail-collect"));
        await harness.WaitUntilAsync(() => harness.Supervisor.Alignments.Single().TakenAt > taken.TakenAt, "a refreshed contribution was taken");
        Assert.NotEqual($"evaluation {calls} of test-programme", harness.Supervisor.Alignments.Single().Findings.Single().What);

        // Down: the last contribution stays, marked stale and saying when it was taken.
        File.WriteAllText(Path.Combine(harness.DataDirectory("counter"), "unhealthy"), "");
        await harness.WaitUntilAsync(() => harness.Supervisor.Alignments.Single().Stale, "the contribution is stale");
        var stale = harness.Supervisor.Alignments.Single();
        Assert.Contains("the module is not answering now", stale.Shown().Single().Why);
    }

    private static long AlignmentCalls(SupervisorHarness harness) =>
        long.Parse(File.ReadAllText(Path.Combine(harness.DataDirectory("counter"), "alignment-calls")), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task KilledWithSigkillRepeatedly_IsRestarted_AndNoObservationIsLostOrDuplicated()
    {
        await using var harness = new SupervisorHarness();
        harness.AddCounter("counter");
        await harness.StartAsync();
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Count >= 10, "observations flow");

        for (var kill = 1; kill <= 3; kill++)
        {
            var pid = harness.ProcessIdOf("counter");
            Process.GetProcessById(pid).Kill(); // SIGKILL: no chance to clean up
            await harness.WaitUntilAsync(() => harness.Status("counter").Restarts == kill, $"restart {kill} happened");
            await harness.WaitUntilAsync(() => harness.Status("counter").State == PluginState.Healthy && harness.ProcessIdOf("counter") != pid, $"the plugin is healthy again after kill {kill}");
            var before = harness.Sink.Deliveries.Count;
            await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Count > before + 5, $"observations flow again after kill {kill}");
        }

        File.WriteAllText(Path.Combine(harness.DataDirectory("counter"), "stop-counting"), "");
        await harness.WaitUntilAsync(() => File.Exists(Path.Combine(harness.DataDirectory("counter"), "counting-stopped")), "the counter has stopped: its count file is final");
        var recorded = long.Parse(File.ReadAllText(Path.Combine(harness.DataDirectory("counter"), "count")), System.Globalization.CultureInfo.InvariantCulture);
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Count >= recorded, $"all {recorded} recorded observations arrived");

        var expected = Enumerable.Range(1, (int)recorded).Select(n => $"counter:{n}").ToHashSet();
        Assert.Equal(expected, harness.Sink.Deliveries.Keys.ToHashSet());
        Assert.All(harness.Sink.Deliveries, d => Assert.Equal(1, d.Value));
    }

    [Fact]
    public async Task CrashLoopingPlugin_IsReportedFailed_AfterMaxRestarts_WhileOthersKeepServing()
    {
        await using var harness = new SupervisorHarness();
        harness.Options.MaxRestarts = 2;
        harness.AddCounter("crashy");
        harness.AddCounter("steady");
        File.WriteAllText(Path.Combine(harness.DataDirectory("crashy"), "crash-on-start"), "");
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("crashy").State == PluginState.Failed, "the crashing plugin is reported failed");
        var crashy = harness.Status("crashy");
        Assert.Equal(2, crashy.Restarts);
        Assert.Contains("exited with code 3 before its handshake line", crashy.LastError);
        Assert.Contains("told to crash on start", crashy.LastError);

        await harness.WaitUntilAsync(() => harness.Status("steady").State == PluginState.Healthy, "the other plugin is healthy");
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Keys.Any(id => id.StartsWith("steady:", StringComparison.Ordinal)), "the other plugin's observations arrive");
    }

    [Theory]
    [InlineData("echo 'hello, I am not a plugin'; sleep 30", "is not CORE|APP|NETWORK|ADDRESS|grpc")]
    [InlineData("echo '2|1|unix|/tmp/none.sock|grpc'; sleep 30", "core protocol version 2; this host speaks 1")]
    [InlineData("echo '1|7|unix|/tmp/none.sock|grpc'; sleep 30", "app protocol version '7', which this host does not speak")]
    [InlineData("sleep 30", "no handshake line within 1 s")]
    [InlineData("echo 'cannot start: no database' >&2; exit 4", "exited with code 4 before its handshake line. Its last output: cannot start: no database")]
    public async Task BadHandshake_IsRefusedWithTheReason(string script, string expected)
    {
        await using var harness = new SupervisorHarness();
        harness.Options.MaxRestarts = 0;
        harness.Options.HandshakeTimeout = TimeSpan.FromSeconds(1);
        harness.AddManifest("shell", "/bin/sh", ["-c", script]);
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("shell").State == PluginState.Failed, "the plugin is reported failed");
        Assert.Contains(expected, harness.Status("shell").LastError);
    }

    [Fact]
    public async Task PluginMissingAPrerequisite_IsLaunchedOnce_AndReportedUnavailableNamingWhatToInstall()
    {
        await using var harness = new SupervisorHarness();
        harness.AddManifest("needy", "/bin/sh", ["-c", $"echo launched >> launches; echo 'cannot run on this machine: libfoo is missing. Install: apt-get install libfoo' >&2; exit {Collaborative.Plugins.PluginProtocol.MissingPrerequisiteExitCode}"]);
        harness.AddCounter("steady");
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("needy").State == PluginState.Unavailable, "the plugin is reported unavailable");
        var needy = harness.Status("needy");
        Assert.Equal(0, needy.Restarts);
        Assert.Equal("it cannot run on this machine. Its last output: cannot run on this machine: libfoo is missing. Install: apt-get install libfoo", needy.LastError);
        await harness.WaitUntilAsync(() => harness.Status("steady").State == PluginState.Healthy, "the other plugin is healthy");
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.Keys.Any(id => id.StartsWith("steady:", StringComparison.Ordinal)), "the other plugin's observations arrive");
        Assert.Equal(["launched"], File.ReadAllLines(Path.Combine(harness.PluginsDirectory, "needy", "launches")));
        Assert.Equal(PluginState.Unavailable, harness.Status("needy").State);
    }

    [Fact]
    public async Task PluginWhoseCommandDoesNotExist_IsReportedUnavailable_WithItsManifestsPrerequisites()
    {
        await using var harness = new SupervisorHarness();
        harness.AddManifest("absent", "/nonexistent/python3", ["main.py"], prerequisites: "Debian packages python3 python3-grpcio");
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("absent").State == PluginState.Unavailable, "the plugin is reported unavailable");
        var absent = harness.Status("absent");
        Assert.Equal(0, absent.Restarts);
        Assert.Contains("'/nonexistent/python3' could not be run", absent.LastError);
        Assert.EndsWith("It needs: Debian packages python3 python3-grpcio.", absent.LastError);
    }

    [Fact]
    public async Task NoCommonAppVersion_IsRefusedWithBothSidesVersions()
    {
        await using var harness = new SupervisorHarness();
        harness.Options.MaxRestarts = 0;
        harness.AddCounter("future", new() { ["TEST_PLUGIN_APP_VERSIONS"] = "2,3" });
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("future").State == PluginState.Failed, "the plugin is reported failed");
        Assert.Contains("No common app protocol version: the host speaks 1, this module speaks 2,3", harness.Status("future").LastError);
    }

    [Fact]
    public async Task FailingCalls_OpenTheCircuitBreaker_WhichClosesWhenThePluginRecovers()
    {
        await using var harness = new SupervisorHarness();
        harness.Options.BreakerDuration = TimeSpan.FromSeconds(1);
        harness.Options.BreakerSamplingDuration = TimeSpan.FromSeconds(5);
        harness.Options.UnhealthyThreshold = 1000; // keep it running: this test is about the breaker
        harness.AddCounter("flaky");
        await harness.StartAsync();
        await harness.WaitUntilAsync(() => harness.Status("flaky").State == PluginState.Healthy, "the plugin is healthy");

        var switchOff = Path.Combine(harness.DataDirectory("flaky"), "fail-collect");
        File.WriteAllText(switchOff, "");
        await harness.WaitUntilAsync(() => harness.Status("flaky").BreakerState == "Open", "the breaker opens");
        await harness.WaitUntilAsync(() => harness.Status("flaky").LastError?.Contains("collection is switched off by the test") == true, "the reason is reported");

        File.Delete(switchOff);
        var before = harness.Sink.Deliveries.Count;
        await harness.WaitUntilAsync(() => harness.Status("flaky").BreakerState == "Closed" && harness.Sink.Deliveries.Count > before, "the breaker closes and observations flow");
        Assert.Equal(0, harness.Status("flaky").Restarts);
    }

    [Fact]
    public async Task UnhealthyPlugin_IsRestarted()
    {
        await using var harness = new SupervisorHarness();
        harness.AddCounter("sickly");
        await harness.StartAsync();
        await harness.WaitUntilAsync(() => harness.Status("sickly").State == PluginState.Healthy, "the plugin is healthy");

        var sick = Path.Combine(harness.DataDirectory("sickly"), "unhealthy");
        File.WriteAllText(sick, "");
        await harness.WaitUntilAsync(() => harness.Status("sickly").Restarts >= 1, "the plugin is restarted");
        Assert.Contains("unhealthy for 3 checks in a row (last: NotServing)", harness.Status("sickly").LastError);

        File.Delete(sick);
        await harness.WaitUntilAsync(() => harness.Status("sickly").State == PluginState.Healthy, "the plugin is healthy again");
    }

    [Fact]
    public async Task Stop_AsksThePluginToShutDown_AndItExitsCleanly()
    {
        var harness = new SupervisorHarness();
        harness.AddCounter("polite");
        await harness.StartAsync();
        await harness.WaitUntilAsync(() => harness.Status("polite").State == PluginState.Healthy, "the plugin is healthy");
        var pid = harness.ProcessIdOf("polite");
        var data = harness.DataDirectory("polite");

        await harness.Supervisor.StopAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(data, "exited-cleanly")), "the plugin returned from ServeAsync with 0 after the Shutdown call");
        Assert.Equal(PluginState.Stopped, harness.Status("polite").State);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        await harness.DisposeAsync();
    }
}
