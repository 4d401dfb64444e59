using System.Collections.Concurrent;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Collaborative.Host.Hosting;
using Collaborative.Host.Plugins;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Tests;

/// <summary>Records every observation the supervisor delivers, counting deliveries per id.</summary>
internal sealed class RecordingSink : IObservationSink
{
    public ConcurrentDictionary<string, int> Deliveries { get; } = new();

    public Task AcceptAsync(string pluginId, IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        foreach (var observation in observations)
        {
            Deliveries.AddOrUpdate(observation.Id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task<string> ProgrammeIdAsync(CancellationToken cancellationToken) => Task.FromResult("test-programme");
}

/// <summary>A supervisor over real plugin processes, in a temporary directory of its own.</summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private PluginSupervisor? _supervisor;

    public RecordingSink Sink { get; } = new();

    public PluginHostOptions Options { get; } = new()
    {
        HealthInterval = TimeSpan.FromMilliseconds(100),
        CollectInterval = TimeSpan.FromMilliseconds(100),
        RestartDelay = TimeSpan.FromMilliseconds(100),
        MaxRestartDelay = TimeSpan.FromSeconds(1),
        HandshakeTimeout = TimeSpan.FromSeconds(20),
        ShutdownGrace = TimeSpan.FromSeconds(5),
    };

    public PluginSupervisor Supervisor => _supervisor ?? throw new InvalidOperationException("Not started.");

    public string PluginsDirectory => Path.Combine(_root, "plugins");

    public string DataDirectory(string id) => Path.Combine(_root, "data", "plugins", id);

    /// <summary>A manifest for the counter test plugin.</summary>
    public void AddCounter(string id, Dictionary<string, string>? env = null)
    {
        var environment = new Dictionary<string, string>(env ?? []) { ["TEST_PLUGIN_ID"] = id };
        AddManifest(id, "dotnet", [TestPaths.CounterPluginDll], environment);
    }

    public void AddManifest(string id, string command, string[] args, Dictionary<string, string>? env = null, string? prerequisites = null)
    {
        var directory = Path.Combine(PluginsDirectory, id);
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(DataDirectory(id));
        var manifest = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = id,
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = "test-partner",
            ["appProtocolVersions"] = new[] { 1 },
            ["command"] = command,
            ["args"] = args,
            ["env"] = env ?? [],
        };
        if (prerequisites is not null)
        {
            manifest["prerequisites"] = prerequisites;
        }

        File.WriteAllText(Path.Combine(directory, "plugin.json"), JsonSerializer.Serialize(manifest));
    }

    public async Task StartAsync()
    {
        Options.Directories = [PluginsDirectory];
        using var factory = LoggerFactory.Create(_ => { });
        _supervisor = new PluginSupervisor(
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new CollaborativeHostOptions { DataDirectory = Path.Combine(_root, "data") }),
            Sink,
            new HostingEnvironment { ContentRootPath = _root },
            NullLogger<PluginSupervisor>.Instance,
            TimeProvider.System);
        await _supervisor.StartAsync(CancellationToken.None);
        await _supervisor.Started.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public PluginStatus Status(string id) => Supervisor.Statuses.Single(s => s.Id == id);

    public async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting until {what}. Plugins: {string.Join("; ", Supervisor.Statuses)}");
            }

            await Task.Delay(50);
        }
    }

    public int ProcessIdOf(string id) => int.Parse(File.ReadAllText(Path.Combine(DataDirectory(id), "pid")), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(CancellationToken.None);
            _supervisor.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A plugin may still be releasing a file; /tmp is cleaned by the OS.
        }
    }
}
