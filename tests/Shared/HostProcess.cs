using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Tests;

/// <summary>
/// The real host executable (collab.dll, serving as <c>collab serve</c> does with no verb), started as a process the way
/// users start it: its own data directory and plugins directory, free loopback ports for gRPC and the dashboard,
/// <c>DOTNET_ENVIRONMENT=Production</c>, and whatever else <c>environment</c> sets (principals, logging, a cluster).
/// Its standard output and error are kept for failure messages. Shared by the tests and the benchmarks, so it
/// reports failures as exceptions carrying the host's output, never through a test framework's assertions.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port, int dashboardPort)
    {
        _process = process;
        Port = port;
        DashboardPort = dashboardPort;
        Channel = Collaborative.Plugins.GrpcChannels.ForAddress($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The gRPC loopback port.</summary>
    public int Port { get; }

    /// <summary>The dashboard's HTTP/1.1 loopback port (a free one, so hosts started side by side never collide).</summary>
    public int DashboardPort { get; }

    public string DashboardAddress => $"http://127.0.0.1:{DashboardPort}";

    public string Target => $"127.0.0.1:{Port}";

    public GrpcChannel Channel { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the host has written to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="hostDll"/> and returns at once, without waiting for it to answer (for timing a start).
    /// <paramref name="programmeFile"/> null is the default programme; <paramref name="environment"/> is applied last,
    /// so it may override any of the launcher's own variables.
    /// </summary>
    public static HostProcess Launch(string hostDll, string dataDirectory, string pluginsDirectory, string? programmeFile, IDictionary<string, string>? environment)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"The host is not built: {hostDll}", hostDll);
        }

        var port = FreePort();
        var dashboardPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["COLLABORATIVE__DATADIRECTORY"] = dataDirectory;
        start.Environment["COLLABORATIVE__GRPCPORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["COLLABORATIVE__DASHBOARDPORT"] = dashboardPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["COLLABORATIVE__PLUGINS__DIRECTORIES__0"] = pluginsDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        if (programmeFile is not null)
        {
            start.Environment["COLLABORATIVE__PROGRAMME__FILE"] = programmeFile;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new HostProcess(Process.Start(start)!, port, dashboardPort);
    }

    /// <summary>
    /// Starts <paramref name="hostDll"/> (as <see cref="Launch"/>) and waits until it answers GetProgramme, or refuses
    /// it because principals are configured or its programme was refused: either way the host answered. Not answering
    /// within <paramref name="readyWithin"/>, or exiting first, stops it and throws with its output. A port picked free
    /// can be taken by another process before the host binds it; a host that exits for that is started again on new
    /// ports, twice at most.
    /// </summary>
    public static async Task<HostProcess> LaunchAsync(string hostDll, string dataDirectory, string pluginsDirectory, string? programmeFile, IDictionary<string, string>? environment, TimeSpan readyWithin)
    {
        var deadline = DateTime.UtcNow + readyWithin;
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(hostDll, dataDirectory, pluginsDirectory, programmeFile, environment);
            var failure = await host.AnsweredAsync(deadline);
            if (failure is null)
            {
                return host;
            }

            int? exitCode = host._process.HasExited ? host._process.ExitCode : null;
            await host.DisposeAsync();
            if (attempt < 3 && exitCode is not null && host.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                continue;
            }

            var what = exitCode is { } code ? $"exited with code {code}" : $"did not answer within {readyWithin.TotalSeconds:0} s";
            throw new InvalidOperationException($"The host {hostDll} did not become ready: it {what} ({failure.Status}). Its output:\n{host.Output}");
        }
    }

    /// <summary>Collaborative:Access:Principals as environment variables: each token stored only as its SHA-256.</summary>
    public static Dictionary<string, string> Principals(params (string Name, string Role, string? Partner, string Token)[] principals)
    {
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < principals.Length; i++)
        {
            var (name, role, partner, token) = principals[i];
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__NAME"] = name;
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__ROLE"] = role;
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__TOKENSHA256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)));
            if (partner is not null)
            {
                environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__PARTNER"] = partner;
            }
        }

        return environment;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (e.g. "INT", "TERM") to processes with one <c>kill</c>, as a terminal or a
    /// service manager signals a whole process group; throws when <c>kill</c> fails.
    /// </summary>
    public static void Signal(string signal, params int[] processIds)
    {
        using var kill = Process.Start("kill", ["-" + signal, .. processIds.Select(id => id.ToString(CultureInfo.InvariantCulture))])!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {string.Join(' ', processIds)} exited with code {kill.ExitCode}.");
        }
    }

    /// <summary>A loopback TCP port free at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ctrl-C: the host stops gracefully; returns once it has exited.</summary>
    public async Task InterruptAsync()
    {
        Signal("INT", _process.Id);
        await ExitedAsync();
    }

    /// <summary>Returns once the host has exited; throws <see cref="TimeoutException"/> after 30 s.</summary>
    public async Task ExitedAsync() => await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Polls GetProgramme until the host answers (null) or exits, or <paramref name="deadline"/> passes (the last failure).</summary>
    private async Task<RpcException?> AnsweredAsync(DateTime deadline)
    {
        while (true)
        {
            try
            {
                await Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(5)));
                return null;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.FailedPrecondition)
            {
                return null;
            }
            catch (RpcException ex) when (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                return ex;
            }
            catch (RpcException)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> for up to 60 s; on timeout throws naming <paramref name="what"/>, with this host's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}. Host output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush; what was acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the host and its plugins (the whole process tree) if still running.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
