using System.Security.Cryptography;
using System.Text;
using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>`collab` against a host with access control: the token goes as `authorization: Bearer`.</summary>
public sealed class CliAccessTests : IAsyncLifetime
{
    private const string LeaderToken = "board-leader-token-0123456789";

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(LeaderToken)));
        _host = await HostProcess.StartAsync(
            Path.Combine(_root, "data"),
            Path.Combine(_root, "plugins"),
            Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml"),
            new Dictionary<string, string>
            {
                ["COLLABORATIVE__ACCESS__PRINCIPALS__0__NAME"] = "Programme board",
                ["COLLABORATIVE__ACCESS__PRINCIPALS__0__ROLE"] = "leader",
                ["COLLABORATIVE__ACCESS__PRINCIPALS__0__TOKENSHA256"] = sha,
            });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task WithoutAToken_TheRefusalSaysHowToPassOne_AndWithOneTheVerbWorks()
    {
        var refused = await CliRun.StartAsync(["status", "--address", $"http://{_host.Target}"]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("(Unauthenticated)", refused.Error);
        Assert.Contains("--token or COLLAB_TOKEN", refused.Error);

        var fromEnvironment = await CliRun.StartAsync(["status", "--json", "--address", $"http://{_host.Target}"], new Dictionary<string, string> { ["COLLAB_TOKEN"] = LeaderToken });
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.Equal("fewer-high-dose", fromEnvironment.Json.GetProperty("goals")[0].GetProperty("goal_id").GetString());

        var fromOption = await CliRun.StartAsync(["check", "--json", "--token", LeaderToken, "--address", $"http://{_host.Target}"]);
        Assert.True(fromOption.ExitCode == 0, fromOption.ToString());
    }
}
