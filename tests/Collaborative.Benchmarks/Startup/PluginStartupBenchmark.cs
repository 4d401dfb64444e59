using System.Diagnostics;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Benchmarks.Startup;

/// <summary>
/// Time from starting the host process to every plugin in plugins/ reporting healthy, against the host
/// alone answering its first call (the baseline, same run). First start includes the modules seeding
/// their demo stores; warm starts reuse them. Last line: warm start, first start (seeding), first start with empty
/// stores, host alone, in seconds.
/// </summary>
internal static class PluginStartupBenchmark
{
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BenchSupport.Root;
        if (BenchHost.Dll is not { } host)
        {
            Console.Error.WriteLine("Build the host first: dotnet build -c Release host/Collaborative.Host (and the plugins: dotnet build plugins/<name>).");
            return 2;
        }

        Console.WriteLine($"host: {Path.GetRelativePath(root, host)}");

        var plugins = Path.Combine(root, "plugins");
        var empty = Directory.CreateTempSubdirectory("collab-bench-noplugins-").FullName;
        var data = Directory.CreateTempSubdirectory("collab-bench-data-").FullName;
        var loadBefore = BenchSupport.LoadAverage();
        try
        {
            var alone = new List<double>();
            var unseeded = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                alone.Add(await InFreshDirectoryAsync(fresh => TimeAsync(host, empty, fresh, expectedPlugins: 0)));
                // How a deployment starts the first time: empty stores, no demonstration data.
                unseeded.Add(await InFreshDirectoryAsync(fresh => TimeAsync(host, plugins, fresh, expectedPlugins: 4, seedDemo: false)));
            }

            var first = await TimeAsync(host, plugins, data, expectedPlugins: 4);
            var warm = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                warm.Add(await TimeAsync(host, plugins, data, expectedPlugins: 4));
            }

            var baseline = Median(alone);
            BenchSupport.PrintRatioTable("host start to …", "seconds", "host alone", "0.00",
                ("host alone answers (baseline, median of 3)", baseline),
                ("all 4 plugins healthy, first start, empty stores (median of 3)", Median(unseeded)),
                ("all 4 plugins healthy, first start (modules seed demo stores)", first),
                ("all 4 plugins healthy, warm start (median of 3)", Median(warm)));
            // Plugins and host share the machine's cores: a busy machine slows every row, so say how busy it was.
            Console.WriteLine($"Load average (1, 5, 15 min): {loadBefore} before, {BenchSupport.LoadAverage()} after; {Environment.ProcessorCount} cores");
            Console.WriteLine(Median(warm) <= 3 && Median(unseeded) <= 3
                ? "PASS: all plugins healthy within 3 s of a host start (warm, and first start without demo data)"
                : "FAIL: plugins took more than 3 s to become healthy after a warm start or a first start without demo data");
            BenchSupport.PrintPairs([("warm_s", Median(warm)), ("first_s", first), ("first_empty_s", Median(unseeded)), ("host_alone_s", baseline)]);
            return 0;
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<double> InFreshDirectoryAsync(Func<string, Task<double>> run)
    {
        var directory = Directory.CreateTempSubdirectory("collab-bench-fresh-").FullName;
        try
        {
            return await run(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(string host, string plugins, string data, int expectedPlugins, bool seedDemo = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["COLLABORATIVE__DASHBOARDPORT"] = "0",
            ["COLLABORATIVE__PLUGINS__HEALTHINTERVAL"] = "00:00:00.050",
        };
        if (!seedDemo)
        {
            environment["COLLABORATIVE__PLUGINS__ENVIRONMENT__COLLAB_PLUGIN_SEED"] = "";
        }

        var watch = Stopwatch.StartNew();
        var process = HostProcess.Launch(host, data, plugins, programmeFile: null, environment);
        var channel = process.Channel;
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                try
                {
                    await channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(2)));
                    var statuses = await channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(2)));
                    if (statuses.Plugins.Count == expectedPlugins && statuses.Plugins.All(p => p.State == "healthy"))
                    {
                        return watch.Elapsed.TotalSeconds;
                    }
                }
                catch (RpcException)
                {
                    // Not up yet.
                }

                await Task.Delay(25);
            }

            throw new TimeoutException($"The host or its plugins did not become healthy within 120 s. Host output:\n{process.Output}");
        }
        finally
        {
            await process.DisposeAsync();
            // Let the plugins notice (their stdin pipe closed) and release their stores before the next start.
            await Task.Delay(1500);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
