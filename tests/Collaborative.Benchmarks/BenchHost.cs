using System.Diagnostics;
using System.Globalization;
using System.Text;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Benchmarks;

/// <summary>
/// The real host executable (collab.dll, Release when built so), started as users start it: its own data directory,
/// free loopback ports for gRPC and the dashboard, single-user (no principals), logging at Warning unless told
/// otherwise. Ready once it answers GetProgramme.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BenchHost(Process process, int grpcPort, int dashboardPort)
    {
        _process = process;
        Channel = Collaborative.Plugins.GrpcChannels.ForAddress($"http://127.0.0.1:{grpcPort}");
        DashboardAddress = $"http://127.0.0.1:{dashboardPort}";
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public GrpcChannel Channel { get; }

    public string DashboardAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The host's path relative to the repository, for the report.</summary>
    public static string? Dll => BenchSupport.Built(Path.Combine(BenchSupport.Root, "host", "Collaborative.Host"), "collab.dll");

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

    /// <summary>Starts the host on <paramref name="dataDirectory"/>; <paramref name="programmeFile"/> null is the default programme.</summary>
    public static async Task<BenchHost> StartAsync(string dataDirectory, string pluginsDirectory, string? programmeFile, IDictionary<string, string>? environment = null)
    {
        var dll = Dll ?? throw new InvalidOperationException("Build the host first: dotnet build -c Release host/Collaborative.Host");
        var grpcPort = BenchSupport.FreePort();
        var dashboardPort = BenchSupport.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["COLLABORATIVE__DATADIRECTORY"] = dataDirectory;
        start.Environment["COLLABORATIVE__GRPCPORT"] = grpcPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["COLLABORATIVE__DASHBOARDPORT"] = dashboardPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["COLLABORATIVE__PLUGINS__DIRECTORIES__0"] = pluginsDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (programmeFile is not null)
        {
            start.Environment["COLLABORATIVE__PROGRAMME__FILE"] = programmeFile;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var host = new BenchHost(Process.Start(start)!, grpcPort, dashboardPort);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(5)));
                return host;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                // Principals are configured: the host answered.
                return host;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline && !host._process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (RpcException ex)
            {
                var output = host.Output;
                await host.DisposeAsync();
                throw new InvalidOperationException($"The host did not become ready ({ex.Status}). Its output:\n{output}");
            }
        }
    }

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
