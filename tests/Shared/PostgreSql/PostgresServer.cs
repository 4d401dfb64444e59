using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Collaborative.Tests.PostgreSql;

/// <summary>
/// Starts a throwaway PostgreSQL (tests/postgres.sh) on a free loopback port for the tests of the
/// <see cref="PostgresCollection"/>, and removes it afterwards. A missing server fails the tests; it never skips them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "collab-pg-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = "";

    public TimeSpan StartupTime { get; private set; }

    internal static string RepositoryRoot => Metadata("RepositoryRoot");

    internal static string TestHostPath => Metadata("TestHostPath");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = await RunScriptAsync("start", _directory, FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not start the test PostgreSQL server (tests/postgres.sh exited {exitCode}). The PostgreSQL tests need Debian's " +
                $"'postgresql' package; tests/run.sh installs it.{Environment.NewLine}{error}");
        }

        ConnectionString = output.Trim() + ";Pooling=true;Maximum Pool Size=20";
        StartupTime = clock.Elapsed;
    }

    public async Task DisposeAsync() => await RunScriptAsync("stop", _directory);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    private static string Metadata(string key) =>
        typeof(PostgresServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
