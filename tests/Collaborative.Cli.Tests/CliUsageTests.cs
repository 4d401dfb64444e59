using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>Help on every verb, usage errors, and `collab serve`.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData("status")]
    [InlineData("goal")]
    [InlineData("check")]
    [InlineData("plugins")]
    [InlineData("export")]
    [InlineData("import")]
    [InlineData("pdsa list")]
    [InlineData("pdsa record")]
    [InlineData("annotate")]
    [InlineData("score")]
    [InlineData("team-progress")]
    [InlineData("learning-event list")]
    [InlineData("learning-event record")]
    [InlineData("driver-diagram show")]
    [InlineData("driver-diagram set")]
    [InlineData("audit")]
    public async Task EveryVerb_HasHelp(string verb)
    {
        var help = await CliRun.StartAsync([.. verb.Split(' '), "--help"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains($"collab {verb}", help.Output);
        Assert.Contains("--json", help.Output);
    }

    [Fact]
    public async Task RootHelp_ListsEveryVerb()
    {
        var help = await CliRun.StartAsync(["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var verb in new[] { "serve", "status", "goal <id>", "check", "plugins", "export", "import <csv>", "pdsa", "annotate", "score", "team-progress", "learning-event", "driver-diagram", "audit" })
        {
            Assert.Contains(verb, help.Output);
        }
    }

    [Fact]
    public async Task UnknownVerbOrOption_IsExitCodeTwo()
    {
        var unknown = await CliRun.StartAsync(["statu"]);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("collab --help", unknown.Error);

        var badFormat = await CliRun.StartAsync(["export", "--format", "xml"]);
        Assert.True(badFormat.ExitCode == 2, badFormat.ToString());
    }

    [Fact]
    public async Task Serve_RunsTheHost_WithConfigurationFromTheCommandLine()
    {
        var root = TestPaths.NewTemporaryDirectory();
        var port = UnusedPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostProcess.HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { HostProcess.HostDll, "serve", "--data-dir", Path.Combine(root, "data"), $"--Collaborative:GrpcPort={port}", $"--Collaborative:Plugins:Directories:0={root}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var host = Process.Start(start)!;
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            CliRun? status = null;
            for (var attempt = 0; attempt < 60 && status?.ExitCode != 0; attempt++)
            {
                await Task.Delay(500);
                status = await CliRun.StartAsync(["status", "--json", "--address", $"http://127.0.0.1:{port}", "--data-dir", Path.Combine(root, "elsewhere")]);
                if (!status.Error.Contains("using the host", StringComparison.Ordinal))
                {
                    status = null; // Not listening yet: the CLI read an embedded store instead.
                }
            }

            Assert.NotNull(status);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.True(status.Json.GetProperty("goals").GetArrayLength() > 0);
            Assert.True(File.Exists(Path.Combine(root, "data", "collaborative.db")), "serve --data-dir puts the store there");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
