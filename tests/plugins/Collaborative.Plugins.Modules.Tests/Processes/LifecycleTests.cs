using System.Diagnostics;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>
/// The launch contract as every module must keep it, for a C# module (through the SDK) and the Python
/// one (written from the contract alone): run by hand, wrong secret, health, Shutdown, parent gone.
/// </summary>
[Collection(PluginProcessCollection.Name)]
public sealed class LifecycleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Modules => new() { "plugins/EndOfLifeRegister", "plugins/concierge-desk" };

    public static TheoryData<string> AllModules => new() { "plugins/EndOfLifeRegister", "plugins/GoldLine", "plugins/CoachingAcademy", "plugins/concierge-desk" };

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task RunByHand_ExplainsItIsAPluginAndExitsNonZero(string module)
    {
        var (start, _) = PluginProcess.StartInfo(module);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("is a Collaborative plugin: the host starts it, you don't", await stderr);
        Assert.Contains("COLLAB_PLUGIN_COOKIE", await stderr);
        Assert.Equal("", await stdout); // no handshake: it does not serve
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task WrongSecret_IsUnauthenticated_RightSecretIsServed(string module)
    {
        await using var plugin = await PluginProcess.StartAsync(module);
        var error = await Assert.ThrowsAsync<RpcException>(() => plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), plugin.Options(secret: plugin.Secret + "x")));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), plugin.Options(withSecret: false))));
        var health = await plugin.Channel.UnaryAsync(Calls.Health, new HealthCheckRequest { Service = "plugin" }, plugin.Options());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task Shutdown_AnswersThenExitsZeroWithinTheGracePeriod(string module)
    {
        await using var plugin = await PluginProcess.StartAsync(module);
        await plugin.Channel.UnaryAsync(Calls.Shutdown, new ShutdownRequest(), plugin.Options());
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await plugin.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        output.WriteLine($"{module}: exited {clock.ElapsedMilliseconds} ms after Shutdown answered");
        // The modules' grace period is 5 s; on a busy 2-core machine allow as much again for scheduling.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task ClosingStdin_AsWhenTheHostDies_MakesItExit(string module)
    {
        await using var plugin = await PluginProcess.StartAsync(module);
        await plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), plugin.Options());
        plugin.CloseStdin();
        Assert.Equal(0, await plugin.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("stdin", plugin.Stderr);
    }

    [Theory]
    [MemberData(nameof(AllModules))]
    public async Task Launch_HandshakesAndServesItsManifestsMeasures(string module)
    {
        await using var plugin = await PluginProcess.StartAsync(module);
        output.WriteLine($"{module}: handshake after {plugin.StartupTime.TotalMilliseconds:F0} ms: {plugin.Handshake}");
        var description = await plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), plugin.Options());
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(PluginProcess.RepositoryRoot, module, "plugin.json")));
        var root = manifest.RootElement;
        Assert.Equal(root.GetProperty("id").GetString(), description.Id);
        Assert.Equal(root.GetProperty("name").GetString(), description.Name);
        Assert.Equal(root.GetProperty("version").GetString(), description.Version);
        Assert.Equal(root.GetProperty("partnerOrganisation").GetString(), description.PartnerOrganisation);
        Assert.Equal(
            root.GetProperty("measures").EnumerateArray().Select(m => (m.GetProperty("id").GetString()!, m.GetProperty("name").GetString()!, m.GetProperty("unit").GetString()!)),
            description.Measures.Select(m => (m.MeasureId, m.Name, m.Unit)));
        // Started empty: nothing to report yet.
        Assert.Empty((await Calls.CollectAsync(plugin)).Observations);
    }

    [Theory]
    [MemberData(nameof(AllModules))]
    public async Task DemoSeed_Gives24MonthsOfHistory_AndSurvivesARestartUnchanged(string module)
    {
        var data = Directory.CreateTempSubdirectory("cpm-demo-").FullName;
        try
        {
            List<Observation> seeded;
            await using (var plugin = await PluginProcess.StartAsync(module, data, seedDemo: true))
            {
                output.WriteLine($"{module}: handshake after {plugin.StartupTime.TotalMilliseconds:F0} ms with a fresh demo seed");
                seeded = (await Calls.CollectAsync(plugin)).Observations;
            }

            var months = seeded.Select(o => o.Period).Distinct().Order().ToList();
            var current = UkClock.System.CurrentMonth;
            Assert.Equal(current.ToString(), months[^1]);
            // 24 months of history; the concierge desk opened 19 months ago (802 issues in 19 months).
            Assert.Equal(module.EndsWith("concierge-desk", StringComparison.Ordinal) ? 19 : 24, months.Count);
            Assert.Equal(seeded.Count, seeded.Select(o => o.Id).Distinct().Count());

            await using (var plugin = await PluginProcess.StartAsync(module, data, seedDemo: true))
            {
                // Seeding again over existing data does nothing: the same observations, no new ones.
                Assert.Equal(seeded, (await Calls.CollectAsync(plugin)).Observations);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
