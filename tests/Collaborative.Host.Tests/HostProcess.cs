using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>The real host executable, started as a process on a free loopback port with its own data directory.</summary>
internal sealed class HostProcess : IAsyncDisposable
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

    public int Port { get; }

    /// <summary>The dashboard's HTTP/1.1 loopback port (a free one, so hosts started side by side never collide).</summary>
    public int DashboardPort { get; }

    public string DashboardAddress => $"http://127.0.0.1:{DashboardPort}";

    public string Target => $"127.0.0.1:{Port}";

    public GrpcChannel Channel { get; }

    public int ProcessId => _process.Id;

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

    public static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(TestPaths.RepositoryRoot, "host", "Collaborative.Host", "bin", configuration, "net10.0", "collab.dll");
            Assert.True(File.Exists(dll), $"The host is not built: {dll}");
            return dll;
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

    /// <summary>Starts the host and waits until it answers GetProgramme.</summary>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string pluginsDirectory, string? programmeFile = null, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var dashboardPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        start.Environment["COLLABORATIVE__DATADIRECTORY"] = dataDirectory;
        start.Environment["COLLABORATIVE__GRPCPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["COLLABORATIVE__DASHBOARDPORT"] = dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

        var host = new HostProcess(Process.Start(start)!, port, dashboardPort);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(5)));
                return host;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.FailedPrecondition)
            {
                // Principals are configured, or the programme it was given is refused: the host answered.
                return host;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline && !host._process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (RpcException ex)
            {
                await host.DisposeAsync();
                Assert.Fail($"The host did not become ready ({ex.Status}). Its output:\n{host.Output}");
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (e.g. "INT", "TERM") to processes with one <c>kill</c>, as a terminal or a
    /// service manager signals a whole process group.
    /// </summary>
    public static void Signal(string signal, params int[] processIds)
    {
        using var kill = Process.Start("kill", ["-" + signal, .. processIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Ctrl-C: the host stops gracefully; returns once it has exited.</summary>
    public async Task InterruptAsync()
    {
        Signal("INT", _process.Id);
        await ExitedAsync();
    }

    /// <summary>Returns once the host has exited; fails after 30 s.</summary>
    public async Task ExitedAsync() => await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Polls <paramref name="condition"/> for up to 60 s; on timeout fails naming <paramref name="what"/>, with this host's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}. Host output:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush; what was acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
