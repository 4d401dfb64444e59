using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>`collab` with no host running: it opens the embedded store in the data directory itself.</summary>
public sealed class CliEmbeddedStoreTests : IDisposable
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();

    private readonly string _address = NoHost.Address();

    private string DataDirectory => Path.Combine(_root, "data");

    private static string E2eProgramme => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Import_IntoTheEmbeddedStore_IsVisibleToGoalAndExport_AndToAHostStartedLater()
    {
        var file = ObservationCsv.Write(_root, "series.csv", ObservationCsv.Series(ObservationCsv.Baseline.Concat(ObservationCsv.Improved)));
        var import = await Collab(E2eProgramme, "import", file, "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains($"no host at {_address}; reading the embedded store in {DataDirectory}", import.Error);
        Assert.Equal(21, import.Json.GetProperty("accepted").GetInt32());

        var goal = await Collab(E2eProgramme, "goal", "fewer-high-dose", "--json");
        Assert.True(goal.ExitCode == 0, goal.ToString());
        Assert.Equal(21, goal.Json.GetProperty("points").GetArrayLength());
        Assert.Equal("VARIATION_IMPROVEMENT_LOW", goal.Json.GetProperty("variation").GetString());

        var export = await Collab(E2eProgramme, "export", "--format", "csv");
        Assert.Equal(22, export.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // The store is the host's own: a host started on it afterwards serves the same series.
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        await using var host = await HostProcess.StartAsync(DataDirectory, Path.Combine(_root, "plugins"), E2eProgramme);
        var viaHost = await CliRun.StartAsync(["goal", "fewer-high-dose", "--json", "--address", $"http://{host.Target}"]);
        Assert.True(viaHost.ExitCode == 0, viaHost.ToString());
        Assert.Contains("using the host at", viaHost.Error);
        Assert.Equal(21, viaHost.Json.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task Import_WithABadLine_ImportsNothingIntoTheEmbeddedStore()
    {
        var file = ObservationCsv.Write(_root, "bad.csv", ObservationCsv.Series(ObservationCsv.Baseline) + "late,opioid.high-dose,2026-02,\n");
        var import = await Collab(E2eProgramme, "import", file);
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"{file}:15:31: value is empty", import.Error);

        var export = await Collab(E2eProgramme, "export", "--json");
        Assert.Equal(0, export.Json.GetProperty("observations").GetArrayLength());
        Assert.Equal(0, export.Json.GetProperty("goals")[0].GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task Check_FailsOnAnErrorFinding_SoItCanGateAPipeline()
    {
        // The e2e programme with one rule raised to an error: its single-owner goal now fails the check.
        var strict = File.ReadAllText(E2eProgramme) + "\nalignment:\n  rules:\n    goal.single-owner: { severity: error }\n";
        var programme = ObservationCsv.Write(_root, "strict-programme.yaml", strict);

        var check = await Collab(programme, "check", "--as-of", "2026-01-15", "--json");
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.True(check.Json.GetProperty("errors").GetInt32() >= 1, check.Output);
        Assert.False(check.Json.GetProperty("passed").GetBoolean());
        var finding = check.Json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule_id").GetString() == "goal.single-owner");
        Assert.Equal("SEVERITY_ERROR", finding.GetProperty("severity").GetString());

        var text = await Collab(programme, "check", "--as-of", "2026-01-15");
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Matches(@"error\s+goal\.single-owner goal 'fewer-high-dose'", text.Output);
        Assert.Contains("the check fails", text.Output);
    }

    [Fact]
    public async Task Check_WithOnlyWarnings_ExitsZero()
    {
        var check = await Collab(E2eProgramme, "check", "--as-of", "2026-01-15", "--json");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(0, check.Json.GetProperty("errors").GetInt32());
        Assert.True(check.Json.GetProperty("warnings").GetInt32() > 0);
    }

    [Fact]
    public async Task Plugins_WithNoHost_SaysNoneIsRunning()
    {
        var plugins = await Collab(E2eProgramme, "plugins");
        Assert.True(plugins.ExitCode == 0, plugins.ToString());
        Assert.Contains($"No host is running at {_address}", plugins.Output);

        var json = await Collab(E2eProgramme, "plugins", "--json");
        Assert.False(json.Json.GetProperty("host_running").GetBoolean());
    }

    [Fact]
    public async Task Status_OfTheSampleProgramme_ReadsAsATable()
    {
        // No programme file: a new store starts with the sample programme, as a first host run does.
        var status = await CliRun.StartAsync(["status", "--address", _address, "--data-dir", DataDirectory], new Dictionary<string, string> { ["COLLABORATIVE__PROGRAMME__SEEDSAMPLEHISTORY"] = "true" });
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("(none yet: creating it", status.Error);
        Assert.Contains("shared goal(s)", status.Output);
        Assert.Contains("│ Goal", status.Output);
        Assert.Contains("owners:", status.Output);
        Assert.DoesNotContain("\u001b[", status.Output);
    }

    [Fact]
    public async Task UnreachableAddress_IsAUsageError()
    {
        var status = await CliRun.StartAsync(["status", "--address", "not-a-url"]);
        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("--address 'not-a-url'", status.Error);
    }

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

    [Fact]
    public async Task Check_AsOfTheStartOfTheCalendar_IsAUsageErrorNamingTheRange()
    {
        // Was an unhandled ArgumentOutOfRangeException from the stale-data rule's window.
        var check = await Collab(E2eProgramme, "check", "--as-of", "0001-01-01");

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("as_of '0001-01-01' is outside the days a check can be run as of, 1900-01-01 to 9998-12-31", check.Error);
        Assert.DoesNotContain("Unhandled", check.Error);
    }

    private Task<CliRun> Collab(string programmeFile, params string[] args) =>
        CliRun.StartAsync(
            [.. args, "--address", _address, "--data-dir", DataDirectory],
            new Dictionary<string, string> { ["COLLABORATIVE__PROGRAMME__FILE"] = programmeFile });
}
