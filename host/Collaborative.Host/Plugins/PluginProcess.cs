using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Collaborative.Plugins;

namespace Collaborative.Host.Plugins;

/// <summary>
/// A local plugin process: launched with the launch contract's environment, its handshake read with a
/// timeout, its stderr turned into host log entries under its name. Disposing kills it if it still runs.
/// </summary>
internal sealed class PluginProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _socketDirectory;
    private readonly StderrTail _stderr;

    private PluginProcess(Process process, string socketDirectory, string secret, PluginHandshake handshake, StderrTail stderr)
    {
        _process = process;
        _socketDirectory = socketDirectory;
        Secret = secret;
        Handshake = handshake;
        _stderr = stderr;
        Exited = process.WaitForExitAsync();
    }

    public PluginHandshake Handshake { get; }

    public string Secret { get; }

    public int ProcessId => _process.Id;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string RecentStderr => _stderr.Text;

    public static async Task<PluginProcess> StartAsync(PluginManifest manifest, PluginHostOptions options, string dataDirectory, ILogger log, CancellationToken cancellationToken)
    {
        // A private directory for the Unix socket: only this user can reach the plugin.
        var socketDirectory = Path.Combine(Path.GetTempPath(), "collab-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant());
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(socketDirectory);
        }
        else
        {
            Directory.CreateDirectory(socketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var pluginData = Path.Combine(dataDirectory, manifest.Id);
        Directory.CreateDirectory(pluginData);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var command = manifest.Command!;
        if (command.Contains('/') && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(manifest.Directory, command));
        }

        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = manifest.Directory,
            UseShellExecute = false,
            RedirectStandardInput = true, // held open: when the host dies the pipe closes and the plugin exits
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in manifest.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in options.Environment.Concat(manifest.Environment))
        {
            start.Environment[key] = value;
        }

        start.Environment[PluginProtocol.CookieVariable] = PluginProtocol.CookieValue;
        start.Environment[PluginProtocol.ProtocolVersionsVariable] = string.Join(",", options.AppProtocolVersions);
        start.Environment[PluginProtocol.SecretVariable] = secret;
        start.Environment[PluginProtocol.SocketDirectoryVariable] = socketDirectory;
        start.Environment[PluginProtocol.DataDirectoryVariable] = pluginData;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PluginLaunchException(manifest.Id, $"'{command}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            TryDelete(socketDirectory);
            var needs = manifest.Prerequisites is { } prerequisites ? $" It needs: {prerequisites}." : "";
            throw new PluginUnavailableException(manifest.Id, $"'{command}' could not be run ({ex.Message}); check field 'command' in {manifest.ManifestPath}.{needs}");
        }

        var stderr = new StderrTail();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Add(line);
                LogPluginLine(log, manifest.Id, line);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var line = await ReadHandshakeLineAsync(process, manifest, options.HandshakeTimeout, stderr, cancellationToken);
            var handshake = PluginHandshake.Parse(manifest.Id, line, options.AppProtocolVersions);
            // Keep draining stdout so a chatty plugin never blocks on a full pipe.
            _ = DrainAsync(process.StandardOutput, manifest.Id, log);
            return new PluginProcess(process, socketDirectory, secret, handshake, stderr);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            TryDelete(socketDirectory);
            throw;
        }
    }

    /// <summary>Kills the whole process tree now.</summary>
    public void Kill() => Kill(_process);

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The kernel will reap it; nothing more we can do.
        }

        _process.Dispose();
        TryDelete(_socketDirectory);
    }

    private static async Task<string> ReadHandshakeLineAsync(Process process, PluginManifest manifest, TimeSpan timeout, StderrTail stderr, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new PluginLaunchException(manifest.Id, $"no handshake line within {timeout.TotalSeconds:0.#} s.{StderrHint(stderr)}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            if (process.ExitCode == PluginProtocol.MissingPrerequisiteExitCode)
            {
                throw new PluginUnavailableException(manifest.Id, $"it cannot run on this machine.{StderrHint(stderr)}");
            }

            throw new PluginLaunchException(manifest.Id, $"it exited with code {process.ExitCode} before its handshake line.{StderrHint(stderr)}");
        }

        return line;
    }

    private static string StderrHint(StderrTail stderr) => stderr.Text.Length == 0 ? "" : $" Its last output: {stderr.Text}";

    private static async Task DrainAsync(StreamReader stdout, string pluginId, ILogger log)
    {
        try
        {
            while (await stdout.ReadLineAsync() is { } line)
            {
                log.LogDebug("[{Plugin}] stdout: {Line}", pluginId, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process has gone.
        }
    }

    /// <summary>A plugin's stderr line as a host log entry, at the level its own log prefix states.</summary>
    private static void LogPluginLine(ILogger log, string pluginId, string line)
    {
        var level = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) || line.StartsWith("ERROR", StringComparison.Ordinal) ? LogLevel.Error
            : line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("WARNING", StringComparison.Ordinal) ? LogLevel.Warning
            : line.StartsWith("dbug:", StringComparison.Ordinal) || line.StartsWith("trce:", StringComparison.Ordinal) ? LogLevel.Debug
            : LogLevel.Information;
        log.Log(level, "[{Plugin}] {Line}", pluginId, line);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files; the OS cleans /tmp.
        }
    }

    /// <summary>The last few stderr lines, for error messages.</summary>
    private sealed class StderrTail
    {
        private readonly Queue<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join(" | ", _lines);
                }
            }
        }

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line.Length > 300 ? line[..300] : line);
                while (_lines.Count > 5)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
