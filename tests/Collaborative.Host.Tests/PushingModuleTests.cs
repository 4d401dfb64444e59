using System.Globalization;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// A module a partner runs on its own infrastructure registers with the partner's token and pushes its
/// observations; the host lists it beside the plugins it supervises, counts what it reported, and keeps
/// the registration across a restart. The happy path is a Python grpcio client built from protos/ only.
/// </summary>
public sealed class PushingModuleTests : IAsyncLifetime
{
    private const string CityToken = "city-partner-token";
    private const string CountyToken = "county-partner-token";
    private const string LeaderToken = "leader-token";

    private static readonly Method<RegisterModuleRequest, RegisterModuleResponse> RegisterModule = GrpcTestCalls.Method<RegisterModuleRequest, RegisterModuleResponse>(Collaborative.Contracts.V1.Host.Descriptor, "RegisterModule");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");
    private static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = GrpcTestCalls.Method<ListObservationsRequest, ListObservationsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListObservations");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

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
    public async Task PartnersModule_RegistersPushesAndIsListed_AndStaysRegisteredAcrossARestart()
    {
        var registered = Python(CityToken, "", "register", "waiting-list", "opioid.high-dose").Single();
        Assert.False(registered.TryGetProperty("error", out _), registered.ToString());
        Assert.True(registered.TryGetProperty("registered_at", out _), registered.ToString());
        Assert.False(registered.TryGetProperty("updated", out _), "a first registration is not an update");

        var observations = string.Join('\n', Enumerable.Range(1, 3).Select(m => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"waiting-list:2026-0{m}", ["measure_id"] = "opioid.high-dose", ["period"] = $"2026-0{m}", ["value"] = 40 + m, ["source"] = "waiting-list",
        })));
        var acks = Python(CityToken, observations, "report");
        Assert.Equal(3, acks.Count);
        Assert.All(acks, a => Assert.False(a.TryGetProperty("error", out _), a.ToString()));

        var module = await ListedAsync("waiting-list");
        Assert.True(module.Pushes);
        Assert.True(module.Remote);
        Assert.Equal("registered", module.State);
        Assert.Equal("city-ft", module.PartnerOrganisation);
        Assert.Equal("Waiting-list tracker (waiting-list)", module.Name);
        Assert.Equal(3, module.ObservationsCollected);
        Assert.NotNull(module.LastObservationAt);

        // Re-sent observations are duplicates: not counted twice.
        Python(CityToken, observations, "report");
        Assert.Equal(3, (await ListedAsync("waiting-list")).ObservationsCollected);

        var again = Python(CityToken, "", "register", "waiting-list", "opioid.high-dose").Single();
        Assert.True(again.GetProperty("updated").GetBoolean(), again.ToString());

        await _host.DisposeAsync();
        _host = await StartHostAsync();
        var afterRestart = await ListedAsync("waiting-list");
        Assert.Equal(3, afterRestart.ObservationsCollected);
        Assert.True(afterRestart.Pushes);
    }

    [Fact]
    public async Task SdkPusher_KilledAndRestarted_NeitherLosesNorRepeatsAnObservation()
    {
        // The programme measures what the counter module counts; city-ft co-owns its goal.
        var programme = Path.Combine(_root, "programme.yaml");
        File.WriteAllText(programme, File.ReadAllText(E2eProgramme).Replace("opioid.high-dose", "test.count"));
        await _host.DisposeAsync();
        _host = await StartHostAsync(programme, "data-counting"); // a programme is kept in its data directory once loaded
        var data = Directory.CreateDirectory(Path.Combine(_root, "pusher")).FullName;

        for (var round = 1; round <= 3; round++)
        {
            using var pusher = StartPusher(data);
            var before = round == 1 ? 0 : (await ListedAsync("counter-push")).ObservationsCollected;
            await _host.WaitUntilAsync(async () => (await TryListedAsync("counter-push"))?.ObservationsCollected > before + 10, $"round {round}: the pusher reports more");
            pusher.Kill(); // SIGKILL: mid-push, perhaps between the host's acknowledgement and the cursor write
            await pusher.WaitForExitAsync();
        }

        File.WriteAllText(Path.Combine(data, "stop-counting"), "");
        using (var last = StartPusher(data))
        {
            await _host.WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(data, "counting-stopped"))), "the counter has stopped: its count file is final");
            var counted = long.Parse(File.ReadAllText(Path.Combine(data, "count")), CultureInfo.InvariantCulture);
            await _host.WaitUntilAsync(async () => (await TryListedAsync("counter-push"))?.ObservationsCollected == counted, $"all {counted} observations are reported");
            last.Kill();
            await last.WaitForExitAsync();

            var ids = (await _host.Channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = "test.count" }, As(LeaderToken)))
                .Observations.Select(o => o.Observation.Id).ToList();
            Assert.Equal(Enumerable.Range(1, (int)counted).Select(n => $"counter-push:{n}"), ids.OrderBy(id => int.Parse(id[(id.IndexOf(':') + 1)..], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Registration_IsRefusedWithTheFieldAndTheRule()
    {
        var ok = Module("triage-board", "opioid.high-dose");
        await _host.Channel.UnaryAsync(RegisterModule, new RegisterModuleRequest { Module = ok }, As(CityToken));

        await AssertRefused(StatusCode.Unauthenticated, "No credentials", Module("a1"), token: null);
        await AssertRefused(StatusCode.PermissionDenied, "Leader 'Board chair' may not register a module: only a partner registers", Module("a2"), LeaderToken);
        await AssertRefused(StatusCode.InvalidArgument, "module.id 'Bad Id!'", Module("Bad Id!"), CityToken);
        await AssertRefused(StatusCode.InvalidArgument, "module.measures[1].measure_id 'no.such-measure' is not a measure of programme 'e2e-programme'", Module("a3", "opioid.high-dose", "no.such-measure"), CityToken);
        await AssertRefused(StatusCode.PermissionDenied, "(module.measures[0])", Module("a4", "opioid.high-dose"), CountyToken);
        var otherPartners = Module("a5");
        otherPartners.PartnerOrganisation = "city-ft";
        await AssertRefused(StatusCode.PermissionDenied, "may not register a module of partner 'city-ft'", otherPartners, CountyToken);
        await AssertRefused(StatusCode.AlreadyExists, "module.id 'triage-board' is registered to partner 'city-ft'", Module("triage-board"), CountyToken);

        var listed = (await _host.Channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), As(LeaderToken))).Plugins.Where(p => p.Pushes).Select(p => p.Id).ToList();
        Assert.Equal(["triage-board"], listed);
    }

    private async Task AssertRefused(StatusCode code, string message, PluginDescription module, string? token)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _host.Channel.UnaryAsync(RegisterModule, new RegisterModuleRequest { Module = module }, As(token)));
        Assert.Equal(code, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail);
    }

    private static PluginDescription Module(string id, params string[] measures)
    {
        var module = new PluginDescription { Id = id, Name = "Module " + id, Version = "1.0.0" };
        module.Measures.AddRange(measures.Select(m => new MeasureContribution { MeasureId = m }));
        return module;
    }

    private async Task<PluginStatusView> ListedAsync(string id) =>
        await TryListedAsync(id) ?? throw new Xunit.Sdk.XunitException($"'{id}' is not listed. Host output:\n{_host.Output}");

    private async Task<PluginStatusView?> TryListedAsync(string id) =>
        (await _host.Channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), As(LeaderToken))).Plugins.SingleOrDefault(p => p.Id == id);

    private System.Diagnostics.Process StartPusher(string data)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(TestPaths.CounterPluginDll);
        start.Environment["TEST_PLUGIN_PUSH_TO"] = $"http://{_host.Target}";
        start.Environment["TEST_PLUGIN_TOKEN"] = CityToken;
        start.Environment["TEST_PLUGIN_PARTNER"] = "city-ft";
        start.Environment["TEST_PLUGIN_ID"] = "counter-push";
        start.Environment["COLLAB_PLUGIN_DATA_DIR"] = data;
        var process = System.Diagnostics.Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static CallOptions As(string? token) =>
        GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(20), token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } });

    private List<JsonElement> Python(string token, string stdin, params string[] args) =>
        PythonHostClient.Run(_host.Target, stdin, ["--token", token, .. args]);

    private static string E2eProgramme => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

    private Task<HostProcess> StartHostAsync(string? programme = null, string data = "data")
    {
        var environment = HostProcess.Principals(
            ("City data team", "partner", "city-ft", CityToken),
            ("County data team", "partner", "county-ft", CountyToken),
            ("Board chair", "leader", null, LeaderToken));
        return HostProcess.StartAsync(Path.Combine(_root, data), Path.Combine(_root, "plugins"), programme ?? E2eProgramme, environment);
    }
}
