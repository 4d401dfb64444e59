using System.Text.Json;
using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Grpc.Net.Client;
using Collaborative.Interop.Tests;
using Google.Protobuf.Reflection;

namespace Collaborative.Host.Tests;

/// <summary>A real host with real plugins: one with the interop contract as its own service, and the end-of-life register.</summary>
public abstract class GatewayHostBase : IAsyncLifetime
{
    public const string GpSystemToken = "gp-system-token-airedale";
    public const string HospitalSystemToken = "hospital-system-token-bradford";
    public const string LeaderToken = "leader-token";
    public const string AdminToken = "admin-token";

    private readonly string _root = TestPaths.NewTemporaryDirectory();

    internal HostProcess Host { get; private set; } = null!;

    /// <summary>The process id the counter module wrote into its data directory.</summary>
    internal int CounterProcessId => int.Parse(File.ReadAllText(Path.Combine(_root, "data", "plugins", "counter", "pid")), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>With principals (false: single-user mode, loopback callers only, as the peers' clients need).</summary>
    protected abstract bool WithPrincipals { get; }

    public async Task InitializeAsync()
    {
        WriteManifest("counter", "city-ft", ["dotnet", TestPaths.CounterPluginDll], new() { ["TEST_PLUGIN_ID"] = "counter" });
        WriteManifest("end-of-life-register", "airedale-ft", ["dotnet", TestPaths.ModuleDll("EndOfLifeRegister")], []);
        var environment = WithPrincipals
            ? HostProcess.Principals(
                ("Airedale GP system", "staff", "airedale-ft", GpSystemToken),
                ("Bradford hospital system", "staff", "bradford-teaching-ft", HospitalSystemToken),
                ("Board chair", "leader", null, LeaderToken),
                ("Programme office", "admin", null, AdminToken))
            : [];
        environment["COLLABORATIVE__PLUGINS__HEALTHINTERVAL"] = "00:00:00.200";
        environment["COLLABORATIVE__PLUGINS__RESTARTDELAY"] = "00:00:00.100";

        Host = await HostProcess.StartAsync(Path.Combine(_root, "data"), Path.Combine(_root, "plugins"),
            Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"), environment);
        await WaitUntilHealthyAsync("counter", "end-of-life-register");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public static CallOptions As(string? token, string? staffId = "C1234", TimeSpan? timeout = null)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        if (staffId is not null)
        {
            headers.Add("x-staff-id", staffId);
        }

        return new CallOptions(headers, DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20)));
    }

    private async Task WaitUntilHealthyAsync(params string[] ids)
    {
        var list = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var plugins = (await Host.Channel.UnaryAsync(list, new ListPluginsRequest(), As(WithPrincipals ? AdminToken : null, staffId: null))).Plugins;
            if (ids.All(id => plugins.Any(p => p.Id == id && p.State == "healthy")))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Plugins {string.Join(", ", ids)} did not all become healthy: {plugins}. Host output:\n{Host.Output}");
            await Task.Delay(100);
        }
    }

    private void WriteManifest(string id, string partner, string[] command, Dictionary<string, string> env)
    {
        var directory = Path.Combine(_root, "plugins", id);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "plugin.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = id,
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = partner,
            ["appProtocolVersions"] = new[] { 1 },
            ["command"] = command[0],
            ["args"] = command[1..],
            ["env"] = env,
        }));
    }
}

/// <summary>With principals: two staff systems of different partners, a leader and an admin.</summary>
public sealed class GatewayHost : GatewayHostBase
{
    protected override bool WithPrincipals => true;
}

/// <summary>The same host in single-user mode, for the peers' clients, which send no token.</summary>
public sealed class SingleUserGatewayHost : GatewayHostBase
{
    protected override bool WithPrincipals => false;
}

/// <summary>
/// Staff systems call a module's own service through the host: the host checks who they are, forwards the
/// call byte for byte with the launch secret and the caller's identity, and the module's answer (data or
/// status) comes back unchanged.
/// </summary>
public sealed class ModuleGatewayAccessTests(GatewayHost fixture) : IClassFixture<GatewayHost>
{
    private static readonly ServiceDescriptor Register = EndOfLifeRegisterReflection.Descriptor.Services.Single(s => s.Name == "EndOfLifeRegister");
    private static readonly Method<RegisterPersonRequest, RegisterRecord> RegisterPerson = GrpcTestCalls.Method<RegisterPersonRequest, RegisterRecord>(Register, "RegisterPerson");
    private static readonly Method<GetRecordRequest, RegisterRecord> GetRecord = GrpcTestCalls.Method<GetRecordRequest, RegisterRecord>(Register, "GetRecord");
    private static readonly Method<ListAuditEntriesRequest, ListAuditEntriesResponse> ListAuditEntries = GrpcTestCalls.Method<ListAuditEntriesRequest, ListAuditEntriesResponse>(Register, "ListAuditEntries");
    private static readonly Method<DescribeRequest, PluginDescription> Describe = GrpcTestCalls.Method<DescribeRequest, PluginDescription>(Collaborative.Contracts.V1.Plugin.Descriptor, "Describe");
    private static readonly Method<ShutdownRequest, ShutdownResponse> Shutdown = GrpcTestCalls.Method<ShutdownRequest, ShutdownResponse>(Collaborative.Contracts.V1.Plugin.Descriptor, "Shutdown");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");

    private GrpcChannel Host => fixture.Host.Channel;

    [Fact]
    public async Task StaffSystemOfTheModulesPartner_RegistersAndReads_AndTheAuditNamesStaffAndSystem()
    {
        var registered = await Host.UnaryAsync(RegisterPerson, Person("9434765919"), GatewayHost.As(GatewayHost.GpSystemToken, "C1234"));
        Assert.False(string.IsNullOrEmpty(registered.RecordId));

        var read = await Host.UnaryAsync(GetRecord, new GetRecordRequest { NhsNumber = "9434765919" }, GatewayHost.As(GatewayHost.GpSystemToken, "N5678"));
        Assert.Equal(registered.RecordId, read.RecordId);
        Assert.Equal("Margaret Hartley", read.Person.Name);

        var audit = await Host.UnaryAsync(ListAuditEntries, new ListAuditEntriesRequest { RecordId = registered.RecordId }, GatewayHost.As(GatewayHost.GpSystemToken, "N5678"));
        Assert.Contains(audit.Entries, e => e.StaffId == "C1234 via Airedale GP system");
        Assert.Contains(audit.Entries, e => e.StaffId == "N5678 via Airedale GP system" && e.Action == "record.read");
    }

    [Fact]
    public async Task TheModulesOwnRefusal_ComesBackUnchanged()
    {
        // No x-staff-id: the register itself refuses, and its status and message pass through the host.
        var missing = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(GetRecord, new GetRecordRequest { NhsNumber = "9434765919" }, GatewayHost.As(GatewayHost.GpSystemToken, staffId: null)));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("x-staff-id", missing.Status.Detail);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(RegisterPerson, Person("9434765918"), GatewayHost.As(GatewayHost.GpSystemToken)));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("nhs_number", invalid.Status.Detail);
    }

    [Theory]
    [InlineData(GatewayHost.HospitalSystemToken, "staff 'Bradford hospital system' (bradford-teaching-ft)", "belongs to partner 'airedale-ft'")]
    [InlineData(GatewayHost.LeaderToken, "leader 'Board chair'", "only staff systems of partner 'airedale-ft'")]
    [InlineData(GatewayHost.AdminToken, "admin 'Programme office'", "only staff systems of partner 'airedale-ft'")]
    public async Task AnyoneButTheModulesPartnersStaff_IsRefused_AndTheModuleNeverSeesTheCall(string token, string who, string rule)
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(GetRecord, new GetRecordRequest { NhsNumber = "9434765919" }, GatewayHost.As(token)));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.StartsWith(char.ToUpperInvariant(who[0]) + who[1..] + " may not call /collaborative.v1.modules.EndOfLifeRegister/GetRecord", denied.Status.Detail);
        Assert.Contains(rule, denied.Status.Detail);
    }

    [Theory]
    [InlineData(null, "No credentials")]
    [InlineData("not-a-token", "not one this host knows")]
    public async Task UnknownCallers_AreUnauthenticated(string? token, string message)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(GetRecord, new GetRecordRequest { NhsNumber = "9434765919" }, GatewayHost.As(token)));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail);
    }

    [Fact]
    public async Task ThePluginContract_IsNeverForwarded_EvenWhenAModuleListsIt()
    {
        // The counter module lists collaborative.v1.Plugin among its own services; Shutdown must stay the host's.
        foreach (var token in new[] { GatewayHost.AdminToken, GatewayHost.GpSystemToken })
        {
            var shutdown = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(Shutdown, new ShutdownRequest(), GatewayHost.As(token)));
            Assert.Equal(StatusCode.Unimplemented, shutdown.StatusCode);
            var describe = await Assert.ThrowsAsync<RpcException>(() => Host.UnaryAsync(Describe, new DescribeRequest(), GatewayHost.As(token)));
            Assert.Equal(StatusCode.Unimplemented, describe.StatusCode);
        }

        var plugins = await Host.UnaryAsync(ListPlugins, new ListPluginsRequest(), GatewayHost.As(GatewayHost.AdminToken));
        var counter = plugins.Plugins.Single(p => p.Id == "counter");
        Assert.Equal("healthy", counter.State);
        Assert.Equal(0, counter.Restarts);
    }

    private static RegisterPersonRequest Person(string nhsNumber) => new()
    {
        Person = new PersonDetails
        {
            Name = "Margaret Hartley",
            DateOfBirth = "1938-04-12",
            Address = "12 Station Road, Keighley",
            NhsNumber = nhsNumber,
            NhsNumberStatus = NhsNumberStatus.Verified,
            MainCarer = "John Hartley (husband)",
            CarerSupportAvailable = true,
            CommissioningArea = "Airedale",
        },
        Care = new CareDetails { GpName = "Dr Patel", GpPractice = "Riverside Surgery", PrimaryDiagnosis = "Heart failure", Prognosis = Prognosis.Months },
        Consent = new Consent { Basis = ConsentBasis.Explicit },
        Preferences = new PlacePreferences { FirstChoice = PlaceOfDeath.Home },
        PlannedReviewDate = DateTime.UtcNow.Date.AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Real gRPC clients (Python grpcio, Node grpc-js) run every interop scenario against the host, which
/// forwards them to a module serving the interop contract: each must behave exactly as against a
/// reference server (judged by the peers' own expect.py), so the gateway is transparent for unary and
/// streaming calls, metadata, status details, deadlines, cancellation, size limits and compression.
/// </summary>
public sealed class ModuleGatewayPeerTests(SingleUserGatewayHost fixture) : IClassFixture<SingleUserGatewayHost>
{
    [Theory]
    [MemberData(nameof(Peer.ClientCases), MemberType = typeof(Peer))]
    public void PeerClient_ThroughTheHost_BehavesAsAgainstTheModuleItself(string peerName, string scenario) =>
        Peer.ByName(peerName).AssertClientScenario(fixture.Host.Target, scenario, "host → module", () => $"Host output:\n{fixture.Host.Output}");
}

/// <summary>A module that dies in the middle of a forwarded call: the staff system is told, and by whom.</summary>
public sealed class ModuleGatewayBreakOffTests(SingleUserGatewayHost fixture) : IClassFixture<SingleUserGatewayHost>
{
    [Fact]
    public async Task AModuleKilledMidStream_ReachesTheCallerAsUnavailable_NamingTheModule()
    {
        var module = new Collaborative.Interop.V1.InteropTest.InteropTestClient(fixture.Host.Channel);
        using var call = module.ServerStream(new Collaborative.Interop.V1.StreamRequest { Count = 100_000_000 }, GatewayHostBase.As(null, timeout: TimeSpan.FromSeconds(60)));
        Assert.True(await call.ResponseStream.MoveNext(), "the first message arrives through the gateway");

        System.Diagnostics.Process.GetProcessById(fixture.CounterProcessId).Kill();
        var broken = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            // Messages already on their way still arrive; then the call ends with the module's failure.
            while (await call.ResponseStream.MoveNext())
            {
            }
        });

        Assert.True(broken.StatusCode == StatusCode.Unavailable, $"expected UNAVAILABLE, got {broken.Status}");
        Assert.Contains("Module 'counter'", broken.Status.Detail);
    }
}
