using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Host.Plugins;

/// <summary>
/// One plugin under supervision: start (or dial), describe, health-check, collect observations, and on
/// a crash or persistent ill health restart with exponential backoff; after too many restarts in a row,
/// report it failed and leave it be. Its last observations stay where the sink put them.
/// </summary>
internal sealed class SupervisedPlugin(
    PluginManifest manifest,
    PluginHostOptions options,
    string dataDirectory,
    PluginCursorStore cursors,
    IObservationSink sink,
    ILogger log,
    TimeProvider time)
{
    private readonly PluginCallPolicy _policy = new(options);
    private readonly object _sync = new();
    private PluginState _state = PluginState.Starting;
    private int _restarts;
    private string? _lastError;
    private DateTimeOffset? _lastHealthyAt;
    private DateTimeOffset? _lastObservationAt;
    private long _observations;
    private PluginProcess? _process;
    private PluginConnection? _connection;
    private IReadOnlyList<string> _services = [];
    private PluginAlignment? _alignment;

    public string Id => manifest.Id;

    public PluginManifest Manifest => manifest;

    public PluginStatus Status
    {
        get
        {
            lock (_sync)
            {
                return new PluginStatus(manifest.Id, manifest.Name, manifest.PartnerOrganisation, manifest.IsRemote, _state, _policy.BreakerState.ToString(),
                    _restarts, _lastError, _lastHealthyAt, _lastObservationAt, _observations, _process?.ProcessId,
                    manifest.Address ?? _process?.Handshake.ChannelAddress);
            }
        }
    }

    /// <summary>
    /// The plugin's last alignment contribution, taken after each successful collection so that readers never
    /// call the plugin; null until first taken.
    /// </summary>
    public PluginAlignment? Alignment
    {
        get
        {
            lock (_sync)
            {
                return _alignment is null ? null : _alignment with { Stale = _alignment.Stale || _state != PluginState.Healthy };
            }
        }
    }

    /// <summary>The connection while the plugin runs (for alignment calls), else null.</summary>
    internal PluginConnection? Connection => _connection;

    /// <summary>
    /// The module's own services (for staff systems) from its last Describe. Kept while it restarts, so the
    /// gateway can say the module is restarting rather than that the service does not exist.
    /// </summary>
    public IReadOnlyList<string> Services => Volatile.Read(ref _services);

    /// <summary>The Polly breaker on calls to this plugin is open: it is failing and being left alone.</summary>
    public bool BreakerOpen => _policy.BreakerState == Polly.CircuitBreaker.CircuitState.Open;

    public async Task RunAsync(CancellationToken stopping)
    {
        var failuresInARow = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                SetState(PluginState.Starting);
                await StartAsync(stopping);
                failuresInARow = await WatchAsync(stopping, failuresInARow);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (PluginUnavailableException unavailable)
            {
                // Restarting cannot install what is missing: say so once and leave it.
                await DropProcessAsync();
                lock (_sync)
                {
                    _lastError = unavailable.Reason;
                    _state = PluginState.Unavailable;
                }

                log.LogError("Plugin {Plugin} is unavailable and will not be restarted: {Reason}", manifest.Id, unavailable.Reason);
                return;
            }
            catch (Exception ex)
            {
                var reason = ex is PluginLaunchException launch ? launch.Reason : ex.Message;
                lock (_sync)
                {
                    _lastError = reason;
                }

                log.LogWarning("Plugin {Plugin} failed: {Reason}", manifest.Id, reason);
            }

            await DropProcessAsync();
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            failuresInARow++;
            if (failuresInARow > options.MaxRestarts)
            {
                SetState(PluginState.Failed);
                log.LogError("Plugin {Plugin} failed {Count} times in a row; it stays stopped. Its last observations are kept. Last error: {Reason}", manifest.Id, failuresInARow, Status.LastError);
                return;
            }

            var delay = RestartDelay(failuresInARow);
            lock (_sync)
            {
                _restarts++;
                _state = PluginState.Restarting;
            }

            log.LogInformation("Restarting plugin {Plugin} in {Delay:0.0} s (restart {Count})", manifest.Id, delay.TotalSeconds, _restarts);
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Asks the plugin to stop, waits the grace period, then kills it.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        var connection = _connection;
        if (process is not null && connection is not null && process.ExitCode is null)
        {
            string? refused = null;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.ShutdownAsync(cts.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Often it is already stopping: a signal to the whole process group (Ctrl-C, a service manager's
                // SIGTERM) reached it too, and it no longer answers. Whether it stops in time is what counts.
                refused = ex.Message;
            }

            try
            {
                await process.Exited.WaitAsync(options.ShutdownGrace);
                if (refused is not null)
                {
                    log.LogDebug("Plugin {Plugin} stopped without answering Shutdown ({Reason})", manifest.Id, refused);
                }
            }
            catch (TimeoutException)
            {
                log.LogWarning("Plugin {Plugin} did not stop within the grace period of {Grace}{Reason}; killing it",
                    manifest.Id, options.ShutdownGrace, refused is null ? "" : $" (Shutdown failed: {refused})");
            }
        }

        await DropProcessAsync();
        SetState(PluginState.Stopped);
    }

    private async Task StartAsync(CancellationToken stopping)
    {
        string address;
        string? secret = null;
        System.Security.Cryptography.X509Certificates.X509Certificate2? rootCertificate = null;
        if (manifest.IsRemote)
        {
            address = manifest.Address!;
            if (manifest.RootCertificatePath is { } root)
            {
                rootCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(manifest.Directory, root));
            }
        }
        else
        {
            var process = await PluginProcess.StartAsync(manifest, options, dataDirectory, log, stopping);
            _process = process;
            address = process.Handshake.ChannelAddress;
            secret = process.Secret;
        }

        await _policy.ResetAsync(stopping);
        _connection = new PluginConnection(manifest.Id, address, secret, _policy, rootCertificate);
        var description = await _connection.DescribeAsync(stopping);
        if (!string.Equals(description.Id, manifest.Id, StringComparison.Ordinal))
        {
            throw new PluginLaunchException(manifest.Id, $"it describes itself as '{description.Id}', but its manifest {manifest.ManifestPath} says '{manifest.Id}'.");
        }

        var refused = description.Services.Where(ModuleGatewayRoutes.IsReserved).ToList();
        if (refused.Count > 0)
        {
            log.LogWarning("Plugin {Plugin} lists {Services} among its own services; the host does not forward those", manifest.Id, string.Join(", ", refused));
        }

        Volatile.Write(ref _services, [.. description.Services.Where(s => !ModuleGatewayRoutes.IsReserved(s)).Distinct(StringComparer.Ordinal)]);
        log.LogInformation("Plugin {Plugin} {Version} ({Partner}) is up at {Address}", manifest.Id, description.Version, manifest.PartnerOrganisation, address);
    }

    /// <summary>Health and collection until the plugin dies or is unhealthy too long. Returns the failure count to carry on.</summary>
    private async Task<int> WatchAsync(CancellationToken stopping, int failuresInARow)
    {
        var unhealthy = 0;
        var nextCollect = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            if (_process?.ExitCode is { } code)
            {
                throw new PluginLaunchException(manifest.Id, $"it exited with code {code}. {_process.RecentStderr}".TrimEnd());
            }

            ServingStatus status;
            try
            {
                status = await _connection!.CheckHealthAsync(stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                status = ServingStatus.Unknown;
                lock (_sync)
                {
                    _lastError = $"health check failed: {ex.Message}";
                }
            }

            if (status == ServingStatus.Serving)
            {
                unhealthy = 0;
                failuresInARow = 0; // a healthy spell resets the restart budget
                lock (_sync)
                {
                    _state = PluginState.Healthy;
                    _lastHealthyAt = time.GetUtcNow();
                }

                if (time.GetUtcNow() >= nextCollect)
                {
                    if (await CollectAsync(stopping))
                    {
                        await RefreshAlignmentAsync(stopping);
                    }

                    nextCollect = time.GetUtcNow() + options.CollectInterval;
                }
            }
            else
            {
                unhealthy++;
                SetState(PluginState.Unhealthy);
                if (unhealthy >= options.UnhealthyThreshold)
                {
                    throw new PluginLaunchException(manifest.Id, $"unhealthy for {unhealthy} checks in a row (last: {status}).");
                }
            }

            var exited = _process?.Exited ?? Task.Delay(Timeout.Infinite, stopping);
            await Task.WhenAny(exited, Task.Delay(options.HealthInterval, time, stopping));
            stopping.ThrowIfCancellationRequested();
        }

        return failuresInARow;
    }

    private async Task<bool> CollectAsync(CancellationToken stopping)
    {
        try
        {
            var cursor = cursors.Get(manifest.Id) ?? "";
            while (true)
            {
                var batches = await _connection!.CollectAsync(cursor, maxBatches: 50, stopping);
                foreach (var batch in batches)
                {
                    if (batch.Observations.Count > 0)
                    {
                        // Durable first, then the cursor: a crash in between re-collects, and the sink is idempotent by id.
                        await sink.AcceptAsync(manifest.Id, batch.Observations, stopping);
                        lock (_sync)
                        {
                            _observations += batch.Observations.Count;
                            _lastObservationAt = time.GetUtcNow();
                        }
                    }

                    if (batch.Cursor != cursor)
                    {
                        cursors.Set(manifest.Id, batch.Cursor);
                        cursor = batch.Cursor;
                    }
                }

                if (batches.Count < 50)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Collection trouble is not ill health: the breaker and the next round deal with it.
            lock (_sync)
            {
                _lastError = $"collecting observations failed: {ex.Message}";
            }

            log.LogWarning("Collecting observations from {Plugin} failed: {Reason}", manifest.Id, ex.Message);
            return false;
        }
    }

    private async Task RefreshAlignmentAsync(CancellationToken stopping)
    {
        try
        {
            var response = await _connection!.EvaluateAlignmentAsync(await sink.ProgrammeIdAsync(stopping), stopping);
            foreach (var finding in response.Findings)
            {
                finding.Source = manifest.Id;
            }

            lock (_sync)
            {
                _alignment = new PluginAlignment(manifest.Id, [.. response.Findings], time.GetUtcNow(), Stale: false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The last contribution stays, marked stale, until the plugin answers again.
            lock (_sync)
            {
                _alignment = _alignment is null ? null : _alignment with { Stale = true };
            }

            log.LogWarning("Plugin {Plugin} contributed no new alignment findings: {Reason}", manifest.Id, ex.Message);
        }
    }

    private async Task DropProcessAsync()
    {
        _connection?.Dispose();
        _connection = null;
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    private TimeSpan RestartDelay(int failuresInARow)
    {
        var exponential = options.RestartDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failuresInARow - 1, 16));
        var capped = Math.Min(exponential, options.MaxRestartDelay.TotalMilliseconds);
        // ±20% jitter so plugins that died together do not restart in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private void SetState(PluginState state)
    {
        lock (_sync)
        {
            _state = state;
        }
    }
}
