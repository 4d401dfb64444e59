using System.Diagnostics;

namespace Collaborative.Tests;

/// <summary>tests/postgres.sh from C#: a throwaway PostgreSQL server on loopback for tests and benchmarks.</summary>
public static class PostgresScript
{
    /// <summary>Starts a server in <paramref name="directory"/> on <paramref name="port"/>; returns its connection string.</summary>
    public static async Task<string> StartAsync(string repositoryRoot, string directory, int port)
    {
        var (exitCode, output, error) = await RunAsync(repositoryRoot, "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return exitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException(
                $"Could not start a test PostgreSQL server (tests/postgres.sh exited {exitCode}). It needs Debian's 'postgresql' " +
                $"package; tests/run.sh or 'tests/postgres.sh install' installs it.{Environment.NewLine}{error}");
    }

    /// <summary>Stops the server at once and deletes <paramref name="directory"/>.</summary>
    public static Task StopAsync(string repositoryRoot, string directory) => RunAsync(repositoryRoot, "stop", directory);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string repositoryRoot, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "tests", "postgres.sh"));
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
}
