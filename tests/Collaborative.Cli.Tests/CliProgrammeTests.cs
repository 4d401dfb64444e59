using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>
/// `collab programme list|create|update` and every verb's `--programme`, against a running host on the e2e
/// programme (the default) and, once, on the embedded store.
/// </summary>
public sealed class CliProgrammeTests : IAsyncLifetime
{
    private const string Second = "e2e-second";

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private static string ProgrammeFile => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

    /// <summary>The e2e programme under another id: a second programme with the same goal and measure ids.</summary>
    private string SecondFile(string name = "second.yaml", string title = "End-to-end test programme") =>
        ObservationCsv.Write(_root, name, File.ReadAllText(ProgrammeFile)
            .Replace("id: e2e-programme", $"id: {Second}", StringComparison.Ordinal)
            .Replace("name: End-to-end test programme", $"name: {title}", StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        _host = await HostProcess.StartAsync(Path.Combine(_root, "data"), Path.Combine(_root, "plugins"), ProgrammeFile);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ProgrammeCreate_ThenList_ShowsBoth_TheDefaultMarked()
    {
        var created = await Collab("programme", "create", SecondFile());
        var list = await Collab("programme", "list", "--json");
        var text = await Collab("programme", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"Programme {Second} created: version 1, 1 shared goal(s)", created.Output);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("e2e-programme", list.Json.GetProperty("default_programme_id").GetString());
        Assert.Equal(["e2e-programme", Second], list.Json.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Matches(@"e2e-programme \(default\)", text.Output);
        Assert.Contains(Second, text.Output);
    }

    [Fact]
    public async Task VerbsWithProgramme_ReadAndWriteThatProgramme_AndWithoutIt_TheDefault()
    {
        await Collab("programme", "create", SecondFile());
        var file = ObservationCsv.Write(_root, "series.csv", ObservationCsv.Series(ObservationCsv.Baseline.Concat(ObservationCsv.Improved)));

        var import = await Collab("import", file, "--programme", Second, "--json");
        var goal = await Collab("goal", "fewer-high-dose", "--programme", Second, "--json");
        var status = await Collab("status", "--programme", Second, "--json");
        var export = await Collab("export", "--programme", Second, "--json");
        var check = await Collab("check", "--programme", Second, "--as-of", "2026-01-15", "--json");
        var defaultGoal = await Collab("goal", "fewer-high-dose", "--json");
        var fromEnvironment = await CliRun.StartAsync(["status", "--json", "--address", $"http://{_host.Target}"], new Dictionary<string, string> { ["COLLAB_PROGRAMME"] = Second });

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(21, import.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(21, goal.Json.GetProperty("points").GetArrayLength());
        Assert.Equal(Second, status.Json.GetProperty("programme_id").GetString());
        Assert.Equal(Second, export.Json.GetProperty("programme_id").GetString());
        Assert.Equal(21, export.Json.GetProperty("observations").GetArrayLength());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(0, defaultGoal.Json.GetProperty("points").GetArrayLength());
        Assert.Equal(Second, fromEnvironment.Json.GetProperty("programme_id").GetString());
    }

    [Fact]
    public async Task ProgrammeUpdate_ReplacesTheNamedProgramme_OrTheDefault()
    {
        await Collab("programme", "create", SecondFile());

        var updated = await Collab("programme", "update", SecondFile("renamed.yaml", "Renamed second programme"), "--programme", Second);
        var status = await Collab("status", "--programme", Second, "--json");
        var defaultStatus = await Collab("status", "--json");

        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Contains($"Programme {Second} updated: version 2", updated.Output);
        Assert.Equal("Renamed second programme", status.Json.GetProperty("programme").GetString());
        Assert.Equal("End-to-end test programme", defaultStatus.Json.GetProperty("programme").GetString());
    }

    [Fact]
    public async Task RefusedProgrammeFiles_AndUnknownProgrammes_ExitTwo_NamingWhatIsWrong()
    {
        var bad = ObservationCsv.Write(_root, "bad.yaml", "id: broken\nname: [unclosed\n");
        await Collab("programme", "create", SecondFile());

        var badFile = await Collab("programme", "create", bad);
        var again = await Collab("programme", "create", SecondFile());
        var otherId = await Collab("programme", "update", ProgrammeFile, "--programme", Second);
        var unknownUpdate = await Collab("programme", "update", SecondFile(), "--programme", "no-such-programme");
        var unknownStatus = await Collab("status", "--programme", "no-such-programme");
        var missing = await Collab("programme", "create", Path.Combine(_root, "absent.yaml"));
        var notAnId = await Collab("status", "--programme", "a/b");

        Assert.True(badFile.ExitCode == 2, badFile.ToString());
        Assert.Contains("collab: the programme definition was refused", badFile.Error);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(bad)}:\d+:\d+: ", badFile.Error);
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains($"second.yaml: id: '{Second}' is taken", again.Error);
        Assert.Contains("(AlreadyExists)", again.Error);
        Assert.True(otherId.ExitCode == 2, otherId.ToString());
        Assert.Contains($"id: 'e2e-programme' is not this programme's id '{Second}'", otherId.Error);
        Assert.True(unknownUpdate.ExitCode == 2, unknownUpdate.ToString());
        Assert.Contains("programme_id 'no-such-programme' is not a programme of this deployment", unknownUpdate.Error);
        Assert.Contains("(NotFound)", unknownStatus.Error);
        Assert.True(unknownStatus.ExitCode == 2, unknownStatus.ToString());
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("absent.yaml: no such file", missing.Error);
        Assert.True(notAnId.ExitCode == 2, notAnId.ToString());
        Assert.Contains("--programme 'a/b' is not a programme id", notAnId.Error);
    }

    [Fact]
    public async Task ProgrammeCreate_OnTheEmbeddedStore_ThenStatusWithProgramme_ReadsIt()
    {
        var data = Path.Combine(_root, "embedded");
        var address = NoHost.Address();
        var environment = new Dictionary<string, string> { ["COLLABORATIVE__PROGRAMME__FILE"] = ProgrammeFile };

        var created = await CliRun.StartAsync(["programme", "create", SecondFile(), "--address", address, "--data-dir", data], environment);
        var update = await CliRun.StartAsync(["programme", "update", SecondFile("renamed.yaml", "Renamed on the store"), "--programme", Second, "--address", address, "--data-dir", data], environment);
        var list = await CliRun.StartAsync(["programme", "list", "--json", "--address", address, "--data-dir", data], environment);
        var status = await CliRun.StartAsync(["status", "--programme", Second, "--json", "--address", address, "--data-dir", data], environment);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("reading the embedded store", created.Error);
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal(["e2e-programme", Second], list.Json.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("Renamed on the store", status.Json.GetProperty("programme").GetString());
    }

    private Task<CliRun> Collab(params string[] args) => CliRun.StartAsync([.. args, "--address", $"http://{_host.Target}"]);
}
