using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Collaborative.Plugins;

namespace Collaborative.Plugins.Modules.Tests;

/// <summary>
/// A module launched the way the host launches it: command and args from its plugin.json, run in the
/// manifest's directory, with the launch contract's environment (cookie, versions, a random secret, a
/// private socket directory, a data directory), the handshake line read from stdout, and a channel
/// to the Unix socket it names.
/// </summary>
internal sealed class PluginProcess : IAsyncDisposable
{
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly string _socketDirectory;
    private readonly string? _ownedDataDirectory;

    private PluginProcess(Process process, ConcurrentQueue<string> stderr, string socketDirectory, string? ownedDataDirectory, string secret, string handshake, TimeSpan startup)
    {
        _process = process;
        _stderr = stderr;
        _socketDirectory = socketDirectory;
        _ownedDataDirectory = ownedDataDirectory;
        Secret = secret;
        Handshake = handshake;
        StartupTime = startup;
        var parts = handshake.Split('|');
        Channel = Collaborative.Plugins.GrpcChannels.ForAddress(parts[2] == "unix" ? "unix:" + parts[3] : "http://" + parts[3]);
    }

    public string Secret { get; }

    /// <summary>The stdout line, e.g. "1|1|unix|/tmp/x/plugin-123.sock|grpc".</summary>
    public string Handshake { get; }

    /// <summary>From process start to the handshake line.</summary>
    public TimeSpan StartupTime { get; }

    public GrpcChannel Channel { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr => string.Join(Environment.NewLine, _stderr);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Launches the module whose plugin.json is in <paramref name="pluginDirectory"/> (relative to the repository root).</summary>
    public static async Task<PluginProcess> StartAsync(string pluginDirectory, string? dataDirectory = null, bool seedDemo = false)
    {
        var (start, manifestDirectory) = StartInfo(pluginDirectory);
        var socketDirectory = Directory.CreateTempSubdirectory("cpm-").FullName;
        var owned = dataDirectory is null ? Directory.CreateTempSubdirectory("cpm-data-").FullName : null;
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        start.Environment[PluginProtocol.CookieVariable] = PluginProtocol.CookieValue;
        start.Environment[PluginProtocol.ProtocolVersionsVariable] = "1";
        start.Environment[PluginProtocol.SecretVariable] = secret;
        start.Environment[PluginProtocol.SocketDirectoryVariable] = socketDirectory;
        start.Environment[PluginProtocol.DataDirectoryVariable] = dataDirectory ?? owned;
        if (seedDemo)
        {
            start.Environment[ModuleEnvironment.SeedVariable] = "demo";
        }
        else
        {
            start.Environment.Remove(ModuleEnvironment.SeedVariable);
        }

        var stderr = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.BeginErrorReadLine();

        var line = await ReadLineAsync(process, HandshakeTimeout);
        var startup = clock.Elapsed;
        if (line is null)
        {
            Kill(process);
            throw new InvalidOperationException($"{manifestDirectory}: no handshake line within {HandshakeTimeout.TotalSeconds} s (exited: {process.HasExited}). Stderr:{Environment.NewLine}{string.Join(Environment.NewLine, stderr)}");
        }

        _ = DrainAsync(process.StandardOutput);
        return new PluginProcess(process, stderr, socketDirectory, owned, secret, line, startup);
    }

    /// <summary>The module's start command with no launch environment at all: as a person typing it would run it.</summary>
    public static (ProcessStartInfo Start, string ManifestDirectory) StartInfo(string pluginDirectory)
    {
        var manifestDirectory = Path.Combine(RepositoryRoot, pluginDirectory);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(manifestDirectory, "plugin.json")));
        var command = manifest.RootElement.GetProperty("command").GetString()!;
        if (command.Contains('/') && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(manifestDirectory, command));
        }

        var start = new ProcessStartInfo(command)
        {
            // Like the host: args resolve relative to the manifest's directory.
            WorkingDirectory = manifestDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in manifest.RootElement.GetProperty("args").EnumerateArray())
        {
            var text = arg.GetString()!;
            if (text.EndsWith(".dll", StringComparison.Ordinal) && !File.Exists(Path.Combine(manifestDirectory, text)))
            {
                throw new InvalidOperationException($"{Path.Combine(manifestDirectory, text)} does not exist: build {pluginDirectory} (Debug) first.");
            }

            start.ArgumentList.Add(text);
        }

        foreach (var variable in new[]
                 {
                     PluginProtocol.CookieVariable, PluginProtocol.ProtocolVersionsVariable, PluginProtocol.SecretVariable,
                     PluginProtocol.SocketDirectoryVariable, PluginProtocol.DataDirectoryVariable, ModuleEnvironment.SeedVariable,
                 })
        {
            start.Environment.Remove(variable);
        }

        return (start, manifestDirectory);
    }

    /// <summary>Call options carrying the secret (unless told otherwise), a staff id when given, and a generous deadline.</summary>
    public CallOptions Options(string? staff = null, string? secret = null, bool withSecret = true)
    {
        var headers = new Metadata();
        if (withSecret)
        {
            headers.Add(PluginProtocol.SecretHeader, secret ?? Secret);
        }

        if (staff is not null)
        {
            headers.Add(StaffIdentity.Header, staff);
        }

        return GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(60), headers);
    }

    /// <summary>Closes the plugin's stdin, as the host's death would.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>The exit code, once the process has exited within <paramref name="timeout"/>; throws with its stderr otherwise.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The plugin did not exit within {timeout.TotalSeconds} s. Stderr:{Environment.NewLine}{Stderr}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            Kill(_process);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        TryDelete(_socketDirectory);
        if (_ownedDataDirectory is not null)
        {
            TryDelete(_ownedDataDirectory);
        }
    }

    public static async Task<string?> ReadLineAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task DrainAsync(StreamReader output)
    {
        try
        {
            while (await output.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process is gone.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
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
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Collaborative.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Collaborative.sln above {AppContext.BaseDirectory}.");
    }
}
