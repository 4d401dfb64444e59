using System.Diagnostics;
using System.Globalization;
using System.Net;
using Collaborative.Contracts.V1;

namespace Collaborative.Benchmarks.Dashboard;

/// <summary>
/// The dashboard as leaders feel it: the real host process with the sample programme, its history and the four
/// plugins in plugins/ (which seed their demo stores and are collected from), read by concurrent readers over
/// HTTP/1.1. The programme page and a goal page, against a static asset (the dashboard's stylesheet) on the same
/// Kestrel in the same run. The programme page is read once more with every plugin process stopped (SIGSTOP, then
/// SIGCONT): a page that called a module per view would wait for the call's timeout (5 s); one that reads the
/// alignment the supervisor caches in the background answers as before. Host CPU per request is read from /proc.
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
            await using var host = await BenchHost.StartAsync(data, Path.Combine(BenchSupport.Root, "plugins"), programmeFile: null);
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
            var modules = ChildProcesses(host.ProcessId);
            Result frozenRow;
            Signal(modules, "STOP");
            try
            {
                frozenRow = await MeasureAsync(client, "/", readers, warmUp, seconds, host);
            }
            finally
            {
                Signal(modules, "CONT");
            }

            Console.WriteLine();
            Console.WriteLine($"| GET, {readers} concurrent readers | bytes | p50 ms | p95 ms | requests/s | vs static | host CPU ms/request |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Row("static asset /assets/dashboard.css (baseline)", staticRow);
            Row("programme page /", programmeRow);
            Row($"goal page /goals/{goal.Id}", goalRow);
            Row($"programme page /, all {modules.Count} plugin processes stopped (SIGSTOP)", frozenRow);
            Console.WriteLine();
            Console.WriteLine($"load average after: {BenchSupport.LoadAverage()}");

            // A call to a stopped module waits for its timeout (5 s), so any page view that made one would be that slow.
            var waitsOnModule = frozenRow.Slowest >= 5000;
            Console.WriteLine(waitsOnModule
                ? $"FAIL: with the plugins stopped the slowest programme page took {frozenRow.Slowest:N0} ms: a page view waits on a module"
                : $"no module call per page view: with all {modules.Count} plugin processes stopped, {frozenRow.Requests:N0} programme pages answered, the slowest in {frozenRow.Slowest:0} ms");
            Console.WriteLine(programmeRow.P95 <= 50 && !waitsOnModule
                ? $"PASS: programme page p95 {programmeRow.P95:0.0} ms with {readers} readers (floor 50 ms), no module call per view"
                : $"FAIL: programme page p95 {programmeRow.P95:0.0} ms with {readers} readers (floor 50 ms){(waitsOnModule ? ", and a page view waits on a module" : "")}");
            BenchSupport.PrintPairs([
                ("programme_p95_ms", programmeRow.P95), ("goal_p95_ms", goalRow.P95), ("programme_rps", programmeRow.PerSecond),
                ("static_rps", staticRow.PerSecond), ("ratio", programmeRow.PerSecond / staticRow.PerSecond)]);
            return 0;

            void Row(string name, Result r) => Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {r.Bytes:N0} | {r.P50:0.0} | {r.P95:0.0} | {r.PerSecond:N0} | {r.PerSecond / staticRow.PerSecond:0.00} | {r.HostCpuMilliseconds / r.Requests:0.00} |"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<Result> MeasureAsync(HttpClient client, string path, int readers, double warmUp, double seconds, BenchHost host)
    {
        await ReadForAsync(client, path, readers, TimeSpan.FromSeconds(warmUp));
        var cpuBefore = CpuMilliseconds(host.ProcessId);
        var clock = Stopwatch.StartNew();
        var (latencies, bytes) = await ReadForAsync(client, path, readers, TimeSpan.FromSeconds(seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = CpuMilliseconds(host.ProcessId) - cpuBefore;
        latencies.Sort();
        return new Result(latencies.Count, latencies.Count / elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), latencies[^1], bytes, cpu);
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

    /// <summary>User plus system CPU time of a process so far (/proc/PID/stat, in clock ticks of 10 ms).</summary>
    private static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: state is field 3, utime field 14 and stime field 15 (1-based), so indexes 11 and 12 here.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>The processes <paramref name="processId"/> started (the host's plugins), from /proc.</summary>
    private static List<int> ChildProcesses(int processId) =>
        [.. Directory.GetDirectories($"/proc/{processId}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
            .Distinct()];

    private static void Signal(List<int> processIds, string signal)
    {
        foreach (var processId in processIds)
        {
            using var kill = Process.Start("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }
    }

    private sealed record Result(int Requests, double PerSecond, double P50, double P95, double Slowest, long Bytes, double HostCpuMilliseconds);
}
