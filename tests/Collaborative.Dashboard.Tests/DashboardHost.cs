using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Collaborative.Host.Tests;

namespace Collaborative.Dashboard.Tests;

/// <summary>The real host on the dashboard test programme, optionally with principals and the counter plugin.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public static readonly Method<Observation, ObservationAck> ReportObservations = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");
    public static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = GrpcTestCalls.Method<GetGoalProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "GetGoalProgress");
    public static readonly Method<ListGoalProgressRequest, ListGoalProgressResponse> ListGoalProgress = GrpcTestCalls.Method<ListGoalProgressRequest, ListGoalProgressResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListGoalProgress");
    public static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");
    public static readonly Method<UpdateProgrammeRequest, UpdateProgrammeResponse> UpdateProgramme = GrpcTestCalls.Method<UpdateProgrammeRequest, UpdateProgrammeResponse>(Collaborative.Contracts.V1.Host.Descriptor, "UpdateProgramme");
    public static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = GrpcTestCalls.Method<ListObservationsRequest, ListObservationsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListObservations");

    private readonly string _root;

    private DashboardHost(string root, HostProcess process)
    {
        _root = root;
        Process = process;
    }

    public HostProcess Process { get; }

    public GrpcChannel Channel => Process.Channel;

    public string Url(string path) => Process.DashboardAddress + path;

    /// <summary>The id of the programme in <see cref="ProgrammeFile"/>, and where its dashboard page is.</summary>
    public const string ProgrammeId = "dashboard-programme";

    public const string ProgrammePath = "/programmes/" + ProgrammeId;

    public static string ProgrammeFile => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "dashboard-programme.yaml");

    /// <summary>Starts the host; <paramref name="principals"/> are (name, role, partner, token) and are configured by hash only.</summary>
    public static async Task<DashboardHost> StartAsync(bool withCounterPlugin, params (string Name, string Role, string? Partner, string Token)[] principals)
    {
        var root = TestPaths.NewTemporaryDirectory();
        var plugins = Path.Combine(root, "plugins");
        Directory.CreateDirectory(plugins);
        if (withCounterPlugin)
        {
            WriteCounterManifest(plugins, "counter");
        }

        var environment = new Dictionary<string, string>
        {
            // Quick health checks so the plugins page settles within the test's patience.
            ["COLLABORATIVE__PLUGINS__HEALTHINTERVAL"] = "00:00:00.500",
        };
        foreach (var (key, value) in HostProcess.Principals(principals))
        {
            environment[key] = value;
        }

        var process = await HostProcess.StartAsync(Path.Combine(root, "data"), plugins, ProgrammeFile, environment);
        return new DashboardHost(root, process);
    }

    public static string Sha256(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    public static CallOptions Bearer(string? token) => token is null
        ? GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30))
        : GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), new Metadata { { "authorization", "Bearer " + token } });

    /// <summary>Reports <paramref name="values"/> as monthly observations from <paramref name="firstIndex"/> months after January 2024; returns the acks.</summary>
    public async Task<List<ObservationAck>> ReportAsync(string measureId, IEnumerable<double> values, int firstIndex = 0, string? token = null)
    {
        using var call = Channel.AsyncDuplexStreamingCall(ReportObservations, Bearer(token));
        var acks = new List<ObservationAck>();
        var i = firstIndex;
        foreach (var value in values)
        {
            await call.RequestStream.WriteAsync(new Observation { Id = $"{measureId}-{i}", MeasureId = measureId, Period = SpcSeries.Month(i), Value = value, Source = "dashboard-tests" });
            // MoveNext throws the call's RpcException when the host refuses the observation.
            Assert.True(await call.ResponseStream.MoveNext(), $"no acknowledgement for {measureId} #{i}");
            acks.Add(call.ResponseStream.Current);
            i++;
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        return acks;
    }

    /// <summary>Every rule's series, so each chart has its special cause.</summary>
    public async Task ReportEveryRuleAsync(Func<RuleSeries, string?>? tokenFor = null)
    {
        foreach (var rule in SpcSeries.Rules)
        {
            var acks = await ReportAsync(rule.MeasureId, rule.Values, token: tokenFor?.Invoke(rule));
            Assert.Equal(rule.Values.Length, acks.Count);
        }

        await ReportAsync(SpcSeries.Live.MeasureId, SpcSeries.Live.Values, token: tokenFor?.Invoke(SpcSeries.Live));
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A plugin's last write may race the delete; the temporary directory is not worth a failure.
        }
    }

    /// <summary>A manifest for the counter test plugin (tests/Collaborative.Host.Tests.Plugin), as SupervisorHarness writes them.</summary>
    private static void WriteCounterManifest(string plugins, string id)
    {
        var directory = Path.Combine(plugins, id);
        Directory.CreateDirectory(directory);
        var manifest = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = "Counter module",
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = "city-ft",
            ["appProtocolVersions"] = new[] { 1 },
            ["command"] = "dotnet",
            ["args"] = new[] { TestPaths.CounterPluginDll },
            ["env"] = new Dictionary<string, string> { ["TEST_PLUGIN_ID"] = id },
        };
        File.WriteAllText(Path.Combine(directory, "plugin.json"), JsonSerializer.Serialize(manifest));
    }
}
