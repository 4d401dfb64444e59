using System.Diagnostics;
using System.Globalization;
using System.Net;
using Collaborative.Contracts.V1;

namespace Collaborative.Benchmarks.Dashboard;

/// <summary>
/// The dashboard as leaders feel it: the real host process with the sample programme, its history and the four
/// plugins in plugins/ (which seed their demo stores and are collected from), read by concurrent readers over
/// HTTP/1.1. The programme page and a goal page, against a static asset (the dashboard's stylesheet) on the same
/// Kestrel in the same run. The host logs its gRPC client calls at Debug, so the run counts the calls it made to
/// modules while the pages were read: alignment must come from the cache the supervisor refreshes in the background.
/// Options: --readers (16), --seconds per row (10), --warmup seconds per row (3).
/// </summary>
internal static class DashboardBenchmark
{
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var readers = options.Int("readers", 16);
        var seconds = options.Double("seconds", 10);
        var warmUp = options.Double("warmup", 3);
        if (BenchHost.Dll is not { } dll)
        {
            Console.Error.WriteLine("Build the host first: dotnet build -c Release host/Collaborative.Host");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("collab-bench-dashboard-").FullName;
        try
        {
            await using var host = await BenchHost.StartAsync(data, Path.Combine(BenchSupport.Root, "plugins"), programmeFile: null, new Dictionary<string, string>
            {
                // Every call the host makes as a gRPC client (to its modules) is logged at Debug: "Starting gRPC call. … URI: '…/Method'".
                ["Logging__LogLevel__Grpc.Net.Client"] = "Debug",
            });
            var plugins = await WaitForModulesAsync(host);
            var goal = (await host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest())).Goals[0];
            Console.WriteLine($"host: {Path.GetRelativePath(BenchSupport.Root, dll)}; the sample programme with its history; {plugins} plugins healthy, collected from and aligned");
            Console.WriteLine($"load average before: {BenchSupport.LoadAverage()} ({Environment.ProcessorCount} cores shared by the readers, the host and its plugins); {readers} concurrent readers, {seconds:0.#} s per row after {warmUp:0.#} s of warm-up");

            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = readers })
            {
                BaseAddress = new Uri(host.DashboardAddress),
            };
            var staticRow = await MeasureAsync(client, "/assets/dashboard.css", readers, warmUp, seconds, host);
            var programmeRow = await MeasureAsync(client, "/", readers, warmUp, seconds, host);
            var goalRow = await MeasureAsync(client, $"/goals/{goal.Id}", readers, warmUp, seconds, host);

            Console.WriteLine();
            Console.WriteLine($"| GET, {readers} concurrent readers | bytes | p50 ms | p95 ms | requests/s | vs static | module calls (of which EvaluateAlignment) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Row("static asset /assets/dashboard.css (baseline)", staticRow);
            Row("programme page /", programmeRow);
            Row($"goal page /goals/{goal.Id}", goalRow);
            Console.WriteLine();
            Console.WriteLine($"load average after: {BenchSupport.LoadAverage()}");

            // The supervisor calls each module for health every 2 s and collects, then takes its alignment, every 5 s:
            // that many calls in a row's window is the background's, not the page views'.
            var allowed = plugins * ((int)Math.Ceiling((seconds + warmUp) / 5) + 1);
            var perView = programmeRow.Alignments <= allowed;
            Console.WriteLine(perView
                ? $"no module call per page view: {programmeRow.Alignments} EvaluateAlignment calls during {programmeRow.Requests:N0} programme page views (the background refresh allows {allowed})"
                : $"FAIL: {programmeRow.Alignments} EvaluateAlignment calls during {programmeRow.Requests:N0} programme page views; the background refresh alone would make at most {allowed}");
            Console.WriteLine(programmeRow.P95 <= 50 && perView
                ? $"PASS: programme page p95 {programmeRow.P95:0.0} ms with {readers} readers (floor 50 ms), no module call per view"
                : $"FAIL: programme page p95 {programmeRow.P95:0.0} ms with {readers} readers (floor 50 ms){(perView ? "" : ", and modules are called per view")}");
            BenchSupport.PrintPairs([
                ("programme_p95_ms", programmeRow.P95), ("goal_p95_ms", goalRow.P95), ("programme_rps", programmeRow.PerSecond),
                ("static_rps", staticRow.PerSecond), ("ratio", programmeRow.PerSecond / staticRow.PerSecond)]);
            return 0;

            void Row(string name, Result r) => Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {r.Bytes:N0} | {r.P50:0.0} | {r.P95:0.0} | {r.PerSecond:N0} | {r.PerSecond / staticRow.PerSecond:0.00} | {r.ModuleCalls} ({r.Alignments}) |"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<Result> MeasureAsync(HttpClient client, string path, int readers, double warmUp, double seconds, BenchHost host)
    {
        var firstLine = host.LineCount;
        await ReadForAsync(client, path, readers, TimeSpan.FromSeconds(warmUp));
        var clock = Stopwatch.StartNew();
        var (latencies, bytes) = await ReadForAsync(client, path, readers, TimeSpan.FromSeconds(seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        var calls = host.LinesSince(firstLine).Where(l => l.Contains("Starting gRPC call", StringComparison.Ordinal)).ToList();
        latencies.Sort();
        return new Result(latencies.Count, latencies.Count / elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), bytes,
            calls.Count, calls.Count(l => l.Contains("/EvaluateAlignment", StringComparison.Ordinal)));
    }

    private static async Task<(List<double> Milliseconds, long Bytes)> ReadForAsync(HttpClient client, string path, int readers, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perReader = await Task.WhenAll(Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long bytes = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                }

                bytes = body.Length;
            }

            return (latencies, bytes);
        })));
        return ([.. perReader.SelectMany(r => r.latencies)], perReader.Max(r => r.bytes));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Waits until every plugin is healthy and has been collected from (its alignment is taken right after, in the background); returns how many.</summary>
    private static async Task<int> WaitForModulesAsync(BenchHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var plugins = (await host.Channel.UnaryAsync(ListPlugins, new ListPluginsRequest())).Plugins;
            if (plugins.Count > 0 && plugins.All(p => p.State == "healthy" && p.ObservationsCollected > 0))
            {
                return plugins.Count;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The plugins were not all healthy and collected from within 120 s: {string.Join("; ", plugins.Select(p => $"{p.Id} {p.State} {p.ObservationsCollected} {p.LastError}"))}\n{host.Output}");
            }

            await Task.Delay(200);
        }
    }

    private sealed record Result(int Requests, double PerSecond, double P50, double P95, long Bytes, int ModuleCalls, int Alignments);
}
