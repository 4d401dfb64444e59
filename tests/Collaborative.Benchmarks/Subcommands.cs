namespace Collaborative.Benchmarks;

/// <summary>The benchmark subcommands. To add one: a class with <c>static Task&lt;int&gt; RunAsync(string[] args)</c>
/// that prints a markdown table and, last, <c>name=value</c> pairs (<see cref="BenchSupport.PrintPairs"/>), and a line here.</summary>
internal static class Subcommands
{
    private static readonly SortedDictionary<string, (string Summary, Func<string[], Task<int>> Run)> s_all = new(StringComparer.Ordinal)
    {
        ["dashboard"] = ("programme and goal pages with 16 concurrent readers vs a static asset on the same Kestrel", Dashboard.DashboardBenchmark.RunAsync),
        ["gateway"] = ("calls to a module's own service through the host's gateway vs direct to the module", Gateway.GatewayBenchmark.RunAsync),
        ["grains"] = ("grain calls/s vs direct calls on a plain object; bytes per idle activation", Grains.GrainCallBenchmark.RunAsync),
        ["ingest"] = ("observations/s through ReportObservations, durable, SQLite and PostgreSQL, vs direct inserts", Ingest.IngestBenchmark.RunAsync),
        ["programme"] = ("progress (SPC) and alignment for 1,000 goals x 120 periods", Programme.ProgrammeBenchmark.RunAsync),
        ["startup"] = ("host start to all plugins healthy, vs the host alone", Startup.PluginStartupBenchmark.RunAsync),
    };

    internal static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !s_all.TryGetValue(args[0], out var subcommand))
        {
            Console.Error.WriteLine("usage: Collaborative.Benchmarks <subcommand> [options]");
            foreach (var (name, (summary, _)) in s_all)
            {
                Console.Error.WriteLine($"  {name,-12} {summary}");
            }

            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("warning: this is a Debug build; numbers are only meaningful with -c Release");
#endif
        return await subcommand.Run(args[1..]);
    }
}
