using System.Text.Json;
using Collaborative.Interop.Tests;

namespace Collaborative.Host.Tests;

/// <summary>
/// A partner's Node grpc-js client (tests/e2e/host_client.js, host.proto loaded from protos/ at run time)
/// registers a module, reports its observations, reads and watches the goal's progress and the alignment
/// check: the host's own services as a second real peer sees them, beside the Python client.
/// </summary>
public sealed class NodeHostClientTests : IAsyncLifetime
{
    private const string CityToken = "city-partner-token";

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        Peer.Node.EnsureInstalled();
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        _host = await HostProcess.StartAsync(Path.Combine(_root, "data"), Path.Combine(_root, "plugins"),
            Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"),
            HostProcess.Principals(("City data team", "partner", "city-ft", CityToken)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void NodeClient_RegistersReportsReadsWatchesAndChecksAlignment()
    {
        var registered = Node("", "register", "waiting-list", "opioid.high-dose").Single();
        Assert.False(registered.TryGetProperty("error", out _), registered.ToString());
        Assert.True(registered.TryGetProperty("registered_at", out _), registered.ToString());

        var observations = string.Join('\n', Enumerable.Range(1, 3).Select(m => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"waiting-list:2026-0{m}", ["measure_id"] = "opioid.high-dose", ["period"] = $"2026-0{m}", ["value"] = 40 + m, ["source"] = "waiting-list",
        })));
        var acks = Node(observations, "report");
        Assert.Equal(["waiting-list:2026-01", "waiting-list:2026-02", "waiting-list:2026-03"], acks.Select(a => a.GetProperty("observation_id").GetString()));

        var progress = Node("", "progress", "fewer-high-dose").Single();
        Assert.Equal("fewer-high-dose", progress.GetProperty("goal_id").GetString());
        Assert.Equal(3, progress.GetProperty("points").GetArrayLength());

        var watched = Node("", "watch", "fewer-high-dose", "1").Single();
        Assert.Equal(3, watched.GetProperty("points").GetArrayLength());

        var alignment = Node("", "alignment", "2026-04-15").Single();
        Assert.False(alignment.TryGetProperty("error", out _), alignment.ToString());
        Assert.Equal("2026-04-15", alignment.GetProperty("as_of").GetString());
        Assert.NotEqual(0, alignment.GetProperty("principles").GetArrayLength());

        var refused = Node("", "progress", "fewer-high-dose", "--token", "not-a-token").Single();
        Assert.Equal(16, refused.GetProperty("error").GetInt32());
        Assert.Contains("not one this host knows", refused.GetProperty("details").GetString());
    }

    /// <summary>Runs the client with the city partner's token, or the one given after "--token".</summary>
    private List<JsonElement> Node(string stdin, params string[] args)
    {
        var token = args.Contains("--token") ? args[Array.IndexOf(args, "--token") + 1] : CityToken;
        return JsonLinesClient.Run("Node client", "node",
            [Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "host_client.js"), "--target", _host.Target, "--token", token, .. args.TakeWhile(a => a != "--token")], stdin);
    }
}
