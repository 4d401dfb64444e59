using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>A programme file the host refuses, on a fresh store: its errors with positions and exit code 2, never a crash.</summary>
public sealed class CliRefusedProgrammeTests : IDisposable
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();

    private readonly string _address = NoHost.Address();

    private static string E2eProgramme => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Status_WithADeeplyNestedProgrammeFile_SaysWhereAndExits2()
    {
        // Without the nesting limit this ended "Stack overflow." with exit code 134.
        var file = ObservationCsv.Write(_root, "deep.yaml", "id: " + new string('[', 50_000) + "x" + new string(']', 50_000) + "\n");

        var status = await Collab(file, "status");

        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("collab: the programme definition was refused (1 error):", status.Error);
        Assert.Contains("deep.yaml:1:36: nested more than 32 levels deep", status.Error);
        Assert.DoesNotContain("Unhandled", status.Error);
        Assert.DoesNotContain("   at ", status.Error);
    }

    [Fact]
    public async Task Check_WithAnOutOfRangeSetting_NamesTheFieldAndExits2()
    {
        // Accepted before, this made the stale-data rule throw in Period.Plus.
        var file = ObservationCsv.Write(_root, "stale.yaml",
            File.ReadAllText(E2eProgramme) + "\nalignment:\n  rules:\n    measure.stale-data: { periods: 120001 }\n");

        var check = await Collab(file, "check", "--as-of", "2026-01-15");

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Matches(@"stale\.yaml:\d+:\d+: alignment\.rules\[measure\.stale-data\]\.periods: 'periods' must be from 1 to 520, not 120,001", check.Error);
        Assert.DoesNotContain("Unhandled", check.Error);
    }

    [Fact]
    public async Task Status_WithAProgrammeFileOfUnknownFields_ListsEveryErrorAndExits2()
    {
        var file = ObservationCsv.Write(_root, "bad.yaml", "id: x\nnme: y\n");

        var status = await Collab(file, "status", "--json");

        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("collab: the programme definition was refused (3 errors):", status.Error);
        Assert.Contains("bad.yaml:2:1: nme: unknown field 'nme'", status.Error);
        Assert.Contains("bad.yaml:1:1: name: missing required field 'name'", status.Error);
        Assert.Equal(string.Empty, status.Output);
    }

    [Fact]
    public async Task Status_WithAMissingProgrammeFile_SaysSoAndExits2()
    {
        var status = await Collab(Path.Combine(_root, "absent.yaml"), "status");

        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("absent.yaml: cannot read the programme file", status.Error);
        Assert.DoesNotContain("Unhandled", status.Error);
    }

    private Task<CliRun> Collab(string programmeFile, params string[] args) =>
        CliRun.StartAsync(
            [.. args, "--address", _address, "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["COLLABORATIVE__PROGRAMME__FILE"] = programmeFile });
}
