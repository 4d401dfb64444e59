using System.Diagnostics;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>The real host with a real plugin: leaders' reads never fail while the plugin is killed, and no plugin outlives a killed host.</summary>
public sealed class HostWithPluginsTests : IAsyncLifetime
{
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");
    private static readonly Method<ListGoalProgressRequest, ListGoalProgressResponse> ListGoalProgress = GrpcTestCalls.Method<ListGoalProgressRequest, ListGoalProgressResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListGoalProgress");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private string PluginData => Path.Combine(_root, "data", "plugins", "counter");

    public async Task InitializeAsync()
    {
        var manifestDir = Path.Combine(_root, "plugins", "counter");
        Directory.CreateDirectory(manifestDir);
        File.WriteAllText(Path.Combine(manifestDir, "plugin.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "counter",
            ["name"] = "Counter",
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = "city-ft",
            ["appProtocolVersions"] = new[] { 1 },
            ["command"] = "dotnet",
            ["args"] = new[] { TestPaths.CounterPluginDll },
            ["env"] = new Dictionary<string, string> { ["TEST_PLUGIN_ID"] = "counter" },
        }));
        _host = await HostProcess.StartAsync(
            Path.Combine(_root, "data"),
            Path.Combine(_root, "plugins"),
            Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"),
            new Dictionary<string, string>
            {
                ["COLLABORATIVE__PLUGINS__HEALTHINTERVAL"] = "00:00:00.200",
                ["COLLABORATIVE__PLUGINS__RESTARTDELAY"] = "00:00:00.100",
            });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task KillingThePluginRepeatedly_NeverFailsALeadersRead()
    {
        await _host.WaitUntilAsync(async () => (await Plugin()).State == "healthy", "the plugin is healthy");
        using var reading = new CancellationTokenSource();
        var reads = 0;
        var failures = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (!reading.IsCancellationRequested)
            {
                try
                {
                    await _host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(10)));
                    await _host.Channel.UnaryAsync(ListGoalProgress, new ListGoalProgressRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(10)));
                    Interlocked.Increment(ref reads);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex.Message);
                    }
                }
            }
        });

        for (var kill = 1; kill <= 3; kill++)
        {
            var pid = ProcessId();
            Process.GetProcessById(pid).Kill();
            await _host.WaitUntilAsync(async () => (await Plugin()).Restarts >= kill && (await Plugin()).State == "healthy", $"the plugin is back after kill {kill}");
        }

        reading.Cancel();
        await reader;
        Assert.Empty(failures);
        Assert.True(reads > 5, $"only {reads} reads were made");
    }

    [Fact]
    public async Task APluginsObservations_GoToEveryProgrammeDefiningTheMeasure()
    {
        var client = new Collaborative.Contracts.V1.Host.HostClient(_host.Channel);
        foreach (var id in new[] { "counted-a", "counted-b" })
        {
            var yaml = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"))
                .Replace("id: e2e-programme", $"id: {id}", StringComparison.Ordinal)
                .Replace("measures:\n", "measures:\n  - { id: test.count, name: Count, unit: count, definition: Observations the counter made, period: month, improvement: higher, module: counter }\n", StringComparison.Ordinal);
            await client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml, FileName = $"{id}.yaml" }, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30)));
        }

        async Task<int> CountedAsync(string programme) =>
            (await client.ListObservationsAsync(new ListObservationsRequest { ProgrammeId = programme, MeasureId = "test.count" }, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(10)))).Observations.Count;

        await _host.WaitUntilAsync(async () => await CountedAsync("counted-a") > 0 && await CountedAsync("counted-b") > 0, "the counter's observations reach both programmes");
        // The default programme has no such measure: nothing of the counter's is kept there.
        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.ListObservationsAsync(new ListObservationsRequest { MeasureId = "test.count" }, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(10))).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task KilledHost_LeavesNoPluginProcessBehind()
    {
        await _host.WaitUntilAsync(async () => (await Plugin()).State == "healthy", "the plugin is healthy");
        var pid = ProcessId();
        await _host.KillAsync(); // SIGKILL: the host gets no chance to stop its plugins

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (IsRunning(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"plugin process {pid} is still running 15 s after its host was killed");
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(PluginData, "exited-cleanly")), "the plugin noticed its host had gone and stopped by itself");
    }

    [Fact]
    public async Task CtrlC_ReachingThePlugin_IsLeftToTheHost_WhichThenStopsItGracefully()
    {
        await _host.WaitUntilAsync(async () => (await Plugin()).State == "healthy", "the plugin is healthy");
        var pid = ProcessId();

        // A terminal's Ctrl-C goes to the whole process group: the plugin gets it too, and keeps serving.
        HostProcess.Signal("INT", pid);
        await _host.WaitUntilAsync(() => Task.FromResult(_host.Output.Contains("Interrupt ignored", StringComparison.Ordinal)), "the plugin says it let the interrupt pass");
        Assert.True(IsRunning(pid), "the plugin stopped on SIGINT; only the host may stop it");
        var plugin = await Plugin();
        Assert.Equal("healthy", plugin.State);
        Assert.Equal(0, plugin.Restarts);

        await _host.InterruptAsync();
        Assert.True(File.Exists(Path.Combine(PluginData, "exited-cleanly")), "the host stopped the plugin with Shutdown");
        Assert.False(IsRunning(pid), $"plugin process {pid} outlived its host");
        Assert.DoesNotContain("did not stop within the grace period", _host.Output);
    }

    [Fact]
    public async Task SigtermToHostAndPluginTogether_StopsBoth_WithoutWarningOfAMissedGracePeriod()
    {
        await _host.WaitUntilAsync(async () => (await Plugin()).State == "healthy", "the plugin is healthy");
        var pid = ProcessId();

        // A service manager's stop signals the whole process group: the plugin is already stopping, and may no longer
        // answer, when the host asks it to stop. That is a plugin that stopped, not one that missed its grace period.
        HostProcess.Signal("TERM", pid, _host.ProcessId);
        await _host.ExitedAsync();
        Assert.False(IsRunning(pid), $"plugin process {pid} outlived its host");
        Assert.DoesNotContain("did not stop within the grace period", _host.Output);
    }

    private async Task<PluginStatusView> Plugin() =>
        (await _host.Channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(10)))).Plugins.Single(p => p.Id == "counter");

    private int ProcessId() => int.Parse(File.ReadAllText(Path.Combine(PluginData, "pid")), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
