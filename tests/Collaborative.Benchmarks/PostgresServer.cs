using System.Diagnostics;
using System.Globalization;

namespace Collaborative.Benchmarks;

/// <summary>A throwaway PostgreSQL server on loopback, started and stopped with tests/postgres.sh (fsync on, as shipped).</summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;

    private PostgresServer(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "collab-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output, error) = await ScriptAsync("start", directory, BenchSupport.FreePort().ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            throw new InvalidOperationException($"Could not start PostgreSQL with tests/postgres.sh (Debian's 'postgresql'; 'tests/postgres.sh install' installs it): {error}");
        }

        return new PostgresServer(directory, output.Trim());
    }

    public async ValueTask DisposeAsync() => await ScriptAsync("stop", _directory);

    private static async Task<(int Code, string Output, string Error)> ScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BenchSupport.Root, "tests", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
