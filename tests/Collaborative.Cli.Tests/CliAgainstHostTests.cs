using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>`collab` against a running host (the real process, the e2e programme), over host.proto.</summary>
public sealed class CliAgainstHostTests : IAsyncLifetime
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private static string ProgrammeFile => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");

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
    public async Task Import_ThenStatusAndGoal_ShowTheSpecialCauseImprovement()
    {
        var file = ObservationCsv.Write(_root, "series.csv", ObservationCsv.Series(ObservationCsv.Baseline.Concat(ObservationCsv.Improved)));
        var import = await Collab("import", file, "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains($"using the host at http://{_host.Target}", import.Error);
        Assert.Equal(21, import.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(0, import.Json.GetProperty("duplicates").GetInt32());

        var again = await Collab("import", file, "--json");
        Assert.Equal(21, again.Json.GetProperty("duplicates").GetInt32());

        var goal = await Collab("goal", "fewer-high-dose", "--json");
        Assert.True(goal.ExitCode == 0, goal.ToString());
        Assert.Equal(21, goal.Json.GetProperty("points").GetArrayLength());
        Assert.Equal("VARIATION_IMPROVEMENT_LOW", goal.Json.GetProperty("variation").GetString());
        Assert.Equal("improvement (low)", goal.Json.GetProperty("variation_words").GetString());
        Assert.Equal(60.0, goal.Json.GetProperty("segments")[0].GetProperty("mean").GetDouble(), 6);
        var last = goal.Json.GetProperty("points")[20];
        Assert.Contains("outside-low", last.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));

        var status = await Collab("status", "--json");
        var row = Assert.Single(status.Json.GetProperty("goals").EnumerateArray());
        Assert.Equal("fewer-high-dose", row.GetProperty("goal_id").GetString());
        Assert.Equal(45, row.GetProperty("latest_value").GetDouble());
        Assert.Equal(40, row.GetProperty("target").GetDouble());
        Assert.Equal("VARIATION_IMPROVEMENT_LOW", row.GetProperty("variation").GetString());
        // Lower is better and the target (40) lies below the lower limit: consistently failing.
        Assert.Equal("ASSURANCE_FAIL", row.GetProperty("assurance").GetString());
        Assert.Equal("flat", row.GetProperty("trend").GetString());
        Assert.Equal(["city-ft"], row.GetProperty("co_owners").EnumerateArray().Select(o => o.GetString()));

        // The table people read: words (not only colour), no escape codes when redirected.
        var table = await Collab("status");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("fewer-high-dose", table.Output);
        Assert.Contains("improvement (low)", table.Output);
        Assert.Contains("consistently failing", table.Output);
        Assert.Contains("45 →", table.Output);
        Assert.DoesNotContain("\u001b[", table.Output);
        Assert.All(table.Output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, $"wider than 100 columns: {line}"));

        var chart = await Collab("goal", "fewer-high-dose");
        Assert.Contains("mean 60", chart.Output);
        Assert.Contains("◆", chart.Output);
        Assert.Contains("improvement: outside-low", chart.Output);
    }

    [Fact]
    public async Task Import_WithBadLines_ReportsEachAsFileLineColumn_AndImportsNothing()
    {
        var file = ObservationCsv.Write(_root, "bad.csv",
            "id,measure_id,period,value\n" +
            "ok-1,opioid.high-dose,2025-01,60\n" +
            "bad-period,opioid.high-dose,2025-13,61\n" +
            "bad-measure,no.such-measure,2025-03,62\n" +
            "bad-value,opioid.high-dose,2025-04,abc\n" +
            "ok-2,opioid.high-dose,2025-05,63\n");
        var import = await Collab("import", file);
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"{file}:3:29: period:", import.Error);
        Assert.Contains("'2025-13'", import.Error);
        Assert.Contains($"{file}:4:13: measure_id 'no.such-measure' is not a measure of programme 'e2e-programme'", import.Error);
        Assert.Contains($"{file}:5:36: value 'abc' is not a finite number", import.Error);
        Assert.Contains("nothing was imported", import.Error);

        // Not even the good lines before the first bad one.
        var export = await Collab("export", "--format", "json", "--data", "observations");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(0, export.Json.GetProperty("observations").GetArrayLength());
    }

    [Fact]
    public async Task Import_SameIdWithOtherContent_IsRefusedBeforeAnythingIsSent()
    {
        var first = ObservationCsv.Write(_root, "first.csv", ObservationCsv.Series(ObservationCsv.Baseline.Take(2)));
        Assert.Equal(0, (await Collab("import", first)).ExitCode);

        var changed = ObservationCsv.Write(_root, "changed.csv", "id,measure_id,period,value\nnew-1,opioid.high-dose,2025-03,70\nobs-1,opioid.high-dose,2025-02,99\n");
        var import = await Collab("import", changed);
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"{changed}:3:1: id 'obs-1' for measure 'opioid.high-dose' is already recorded with other content", import.Error);

        var export = await Collab("export", "--json", "--data", "observations");
        Assert.Equal(2, export.Json.GetProperty("observations").GetArrayLength());
    }

    [Fact]
    public async Task Export_Csv_HasAHeaderAndQuotesPerRfc4180_AndReadsBackWithImport()
    {
        var file = ObservationCsv.Write(_root, "quoted.csv",
            "id,measure_id,period,value,numerator,denominator,source\n" +
            "q-1,opioid.high-dose,2025-01,60,60,1000,\"City, pharmacy \"\"audit\"\"\"\n" +
            "q-2,opioid.high-dose,2025-02-01,58,,,\"two\nlines\"\n");
        var import = await Collab("import", file);
        Assert.True(import.ExitCode == 0, import.ToString());

        var export = await Collab("export", "--format", "csv");
        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = export.Output.Split("\r\n");
        Assert.Equal("id,measure_id,period,value,numerator,denominator,source,revision,current,recorded_at", lines[0]);
        Assert.StartsWith("q-1,opioid.high-dose,2025-01-01,60,60,1000,\"City, pharmacy \"\"audit\"\"\",1,true,", lines[1]);
        Assert.StartsWith("q-2,opioid.high-dose,2025-02-01,58,,,\"two\nlines\",1,true,", lines[2]);

        // What export writes, import reads: the same ids and content are duplicates.
        var exported = Path.Combine(_root, "exported.csv");
        var toFile = await Collab("export", "--output", exported);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        var reimport = await Collab("import", exported, "--json");
        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Equal(2, reimport.Json.GetProperty("duplicates").GetInt32());

        var progress = await Collab("export", "--data", "progress");
        Assert.StartsWith("goal_id,measure_id,period,value,moving_range,segment,in_baseline,mean,lower_limit,upper_limit,special_cause,signals\r\n", progress.Output);
        Assert.Contains("fewer-high-dose,opioid.high-dose,2025-02,58,2,", progress.Output);
    }

    [Fact]
    public async Task Check_WithOnlyWarnings_ExitsZero_AndGroupsByPrinciple()
    {
        var check = await Collab("check", "--as-of", "2026-01-15", "--json");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(0, check.Json.GetProperty("errors").GetInt32());
        Assert.True(check.Json.GetProperty("warnings").GetInt32() > 0, check.Output);
        Assert.True(check.Json.GetProperty("passed").GetBoolean());

        var text = await Collab("check", "--as-of", "2026-01-15");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("(define-together)", text.Output);
        Assert.Contains("goal.single-owner", text.Output);
        Assert.Contains("No error-severity findings.", text.Output);
    }

    [Fact]
    public async Task Plugins_OnAHostWithNone_SaysSo()
    {
        var plugins = await Collab("plugins", "--json");
        Assert.True(plugins.ExitCode == 0, plugins.ToString());
        Assert.True(plugins.Json.GetProperty("host_running").GetBoolean());
        Assert.Equal(0, plugins.Json.GetProperty("plugins").GetArrayLength());

        var table = await Collab("plugins");
        Assert.Contains("0 plugin(s) supervised by the host", table.Output);
    }

    [Fact]
    public async Task Plugins_ListsARegisteredModuleThatPushes()
    {
        // Single-user host: the local user may register a module for any partner of the programme.
        var module = new Contracts.V1.PluginDescription { Id = "waiting-list", Name = "Waiting list", Version = "2.0.0", PartnerOrganisation = "city-ft" };
        module.Measures.Add(new Contracts.V1.MeasureContribution { MeasureId = "opioid.high-dose" });
        var register = GrpcTestCalls.Method<Contracts.V1.RegisterModuleRequest, Contracts.V1.RegisterModuleResponse>(Contracts.V1.Host.Descriptor, "RegisterModule");
        await _host.Channel.UnaryAsync(register, new Contracts.V1.RegisterModuleRequest { Module = module });

        var plugins = await Collab("plugins", "--json");
        var listed = Assert.Single(plugins.Json.GetProperty("plugins").EnumerateArray());
        Assert.Equal("waiting-list", listed.GetProperty("id").GetString());
        Assert.Equal("registered", listed.GetProperty("state").GetString());
        Assert.True(listed.GetProperty("pushes").GetBoolean());

        var table = await Collab("plugins");
        Assert.Contains("0 plugin(s) supervised by the host", table.Output);
        Assert.Contains("1 registered module(s) pushing to it", table.Output);
        Assert.Contains("remote, pushes", table.Output);
    }

    [Fact]
    public async Task UnknownGoal_IsAUsageError_NamingIt()
    {
        var goal = await Collab("goal", "no-such-goal");
        Assert.True(goal.ExitCode == 2, goal.ToString());
        Assert.Contains("no-such-goal", goal.Error);
        Assert.Contains("NotFound", goal.Error);
    }

    private Task<CliRun> Collab(params string[] args) =>
        CliRun.StartAsync([.. args, "--address", $"http://{_host.Target}"]);
}
