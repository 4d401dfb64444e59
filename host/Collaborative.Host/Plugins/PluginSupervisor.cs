using Microsoft.Extensions.Options;

namespace Collaborative.Host.Plugins;

/// <summary>
/// Discovers plugin manifests and supervises each plugin. A bad manifest is logged with its file and
/// field and the other plugins still start. On host shutdown every plugin is asked to stop, given a
/// grace period, then killed.
/// </summary>
public sealed class PluginSupervisor : BackgroundService
{
    private readonly PluginHostOptions _options;
    private readonly IObservationSink _sink;
    private readonly ILogger<PluginSupervisor> _log;
    private readonly TimeProvider _time;
    private readonly string _dataDirectory;
    private readonly string _contentRoot;
    private readonly List<SupervisedPlugin> _plugins = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PluginSupervisor(IOptions<PluginHostOptions> options, IOptions<Hosting.CollaborativeHostOptions> hostOptions, IObservationSink sink, IHostEnvironment environment, ILogger<PluginSupervisor> log, TimeProvider time)
    {
        _options = options.Value;
        _sink = sink;
        _log = log;
        _time = time;
        _contentRoot = environment.ContentRootPath;
        _dataDirectory = Path.Combine(hostOptions.Value.DataDirectory, "plugins");
    }

    /// <summary>Manifest problems found at start-up (file and field in each).</summary>
    public IReadOnlyList<string> ManifestErrors { get; private set; } = [];

    /// <summary>The manifests of the plugins being supervised.</summary>
    public IReadOnlyList<PluginManifest> Manifests
    {
        get
        {
            lock (_plugins)
            {
                return _plugins.Select(p => p.Manifest).ToList();
            }
        }
    }

    /// <summary>Completes once manifests are read and plugins are launching.</summary>
    public Task Started => _started.Task;

    public IReadOnlyList<PluginStatus> Statuses
    {
        get
        {
            lock (_plugins)
            {
                return _plugins.Select(p => p.Status).ToList();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directories = _options.Directories.Select(d => Path.GetFullPath(Path.Combine(_contentRoot, d)));
        var (manifests, errors) = PluginManifestReader.Discover(directories);
        ManifestErrors = errors;
        foreach (var error in errors)
        {
            _log.LogError("Plugin manifest refused: {Error}", error);
        }

        var cursors = new PluginCursorStore(Path.Combine(_dataDirectory, "cursors"));
        var running = new List<Task>();
        lock (_plugins)
        {
            foreach (var manifest in manifests.Where(m => !_options.Disabled.Contains(m.Id)))
            {
                var plugin = new SupervisedPlugin(manifest, _options, _dataDirectory, cursors, _sink, _log, _time);
                _plugins.Add(plugin);
                running.Add(Task.Run(() => plugin.RunAsync(stoppingToken), CancellationToken.None));
            }
        }

        _log.LogInformation("Supervising {Count} plugin(s): {Ids}", _plugins.Count, string.Join(", ", _plugins.Select(p => p.Id)));
        _started.TrySetResult();
        await Task.WhenAll(running);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        List<SupervisedPlugin> plugins;
        lock (_plugins)
        {
            plugins = [.. _plugins];
        }

        await Task.WhenAll(plugins.Select(p => p.StopAsync()));
    }

    /// <summary>The plugin that serves <paramref name="service"/> (a fully-qualified gRPC service name) as its own, if any.</summary>
    internal SupervisedPlugin? FindByService(string service)
    {
        lock (_plugins)
        {
            return _plugins.FirstOrDefault(p => p.Services.Contains(service, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Every plugin's last alignment contribution, kept fresh in the background (after each successful
    /// collection), so reading them never calls a plugin. A plugin that never answered has none.
    /// </summary>
    public IReadOnlyList<PluginAlignment> Alignments
    {
        get
        {
            lock (_plugins)
            {
                return [.. _plugins.Select(p => p.Alignment).OfType<PluginAlignment>()];
            }
        }
    }
}
