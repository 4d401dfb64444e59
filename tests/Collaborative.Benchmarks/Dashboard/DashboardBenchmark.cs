using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Collaborative.Benchmarks.Ingest;
using Collaborative.Contracts.V1;
using Grpc.Core;

namespace Collaborative.Benchmarks.Dashboard;

/// <summary>
/// The dashboard as leaders feel it: the real host process with the sample programme, its history and the four
/// plugins in plugins/ (which seed their demo stores and are collected from), read by concurrent readers over
/// HTTP/1.1. The programme page and a goal page, against a static asset (the dashboard's stylesheet) on the same
/// Kestrel in the same run. The programme page is read once more with every plugin process stopped (SIGSTOP, then
/// SIGCONT): a page that called a module per view would wait for the call's timeout (5 s); one that reads the
/// alignment the supervisor caches in the background answers as before. The portfolio (<c>/</c>) is read with ten
/// more programmes of fifty goals each beside the two samples, each created through CreateProgramme and given two
/// years of monthly observations through ReportObservations (by a first run of the host with an admin and a partner
/// configured; the measured run is single-user, as before). Host CPU per request is read from /proc.
/// Options: --readers (16), --seconds per row (10), --warmup seconds per row (3).
/// </summary>
internal static class DashboardBenchmark
{
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = GrpcTestCalls.Method<GetProgrammeRequest, ProgrammeView>(Collaborative.Contracts.V1.Host.Descriptor, "GetProgramme");
    private static readonly Method<CreateProgrammeRequest, CreateProgrammeResponse> CreateProgramme = GrpcTestCalls.Method<CreateProgrammeRequest, CreateProgrammeResponse>(Collaborative.Contracts.V1.Host.Descriptor, "CreateProgramme");
    private static readonly Method<Observation, ObservationAck> ReportObservations = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");

    private const int PortfolioProgrammes = 10;
    private const int GoalsPerProgramme = 50;
    private const int Months = 24;

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
            var setUp = Stopwatch.StartNew();
            await CreatePortfolioAsync(data);
            Console.WriteLine($"portfolio: {PortfolioProgrammes} programmes of {GoalsPerProgramme} goals, {PortfolioProgrammes * GoalsPerProgramme * Months:N0} observations, created through the API in {setUp.Elapsed.TotalSeconds:0.#} s");
            await using var host = await BenchHost.StartAsync(Path.Combine(data, "store"), Path.Combine(BenchSupport.Root, "plugins"), programmeFile: null);
            var plugins = await WaitForModulesAsync(host);
            var programme = await host.Channel.UnaryAsync(GetProgramme, new GetProgrammeRequest());
            var goal = programme.Goals[0];
            var programmePath = $"/programmes/{programme.Id}";
            var goalPath = $"{programmePath}/goals/{goal.Id}";
            Console.WriteLine($"host: {Path.GetRelativePath(BenchSupport.Root, dll)}; the sample programme with its history; {plugins} plugins healthy, collected from and aligned");
            Console.WriteLine($"load average before: {BenchSupport.LoadAverage()} ({Environment.ProcessorCount} cores shared by the readers, the host and its plugins); {readers} concurrent readers, {seconds:0.#} s per row after {warmUp:0.#} s of warm-up");

            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = readers })
            {
                BaseAddress = new Uri(host.DashboardAddress),
            };
            var staticRow = await MeasureAsync(client, "/assets/dashboard.css", readers, warmUp, seconds, host);
            var programmeRow = await MeasureAsync(client, programmePath, readers, warmUp, seconds, host);
            var goalRow = await MeasureAsync(client, goalPath, readers, warmUp, seconds, host);
            var portfolioRow = await MeasureAsync(client, "/", readers, warmUp, seconds, host);
            var modules = ChildProcesses(host.ProcessId);
            Result frozenRow;
            Signal(modules, "STOP");
            try
            {
                frozenRow = await MeasureAsync(client, programmePath, readers, warmUp, seconds, host);
            }
            finally
            {
                Signal(modules, "CONT");
            }

            Console.WriteLine();
            Console.WriteLine($"| GET, {readers} concurrent readers | bytes | p50 ms | p95 ms | requests/s | vs static | host CPU ms/request |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Row("static asset /assets/dashboard.css (baseline)", staticRow);
            Row($"programme page {programmePath}", programmeRow);
            Row($"goal page {goalPath}", goalRow);
            Row($"portfolio / ({PortfolioProgrammes + 2} programmes, {PortfolioProgrammes} of {GoalsPerProgramme} goals)", portfolioRow);
            Row($"programme page, all {modules.Count} plugin processes stopped (SIGSTOP)", frozenRow);
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
                ("static_rps", staticRow.PerSecond), ("ratio", programmeRow.PerSecond / staticRow.PerSecond), ("portfolio_p95_ms", portfolioRow.P95)]);
            return 0;

            void Row(string name, Result r) => Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {r.Bytes:N0} | {r.P50:0.0} | {r.P95:0.0} | {r.PerSecond:N0} | {r.PerSecond / staticRow.PerSecond:0.00} | {r.HostCpuMilliseconds / r.Requests:0.00} |"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// The portfolio's extra programmes, created through CreateProgramme by an admin and reported to through
    /// ReportObservations by their partner, in a first run of the host on <paramref name="data"/> (no plugins).
    /// </summary>
    private static async Task CreatePortfolioAsync(string data)
    {
        const string admin = "bench-admin-token";
        const string partner = "bench-city-token";
        var environment = new Dictionary<string, string>();
        foreach (var (i, name, role, token) in new[] { (0, "Benchmark admin", "admin", admin), (1, "City data team", "partner", partner) })
        {
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__NAME"] = name;
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__ROLE"] = role;
            environment[$"COLLABORATIVE__ACCESS__PRINCIPALS__{i}__TOKENSHA256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        environment["COLLABORATIVE__ACCESS__PRINCIPALS__1__PARTNER"] = "city-ft";
        var noPlugins = Directory.CreateDirectory(Path.Combine(data, "no-plugins")).FullName;
        await using var host = await BenchHost.StartAsync(Path.Combine(data, "store"), noPlugins, programmeFile: null, environment);
        for (var p = 0; p < PortfolioProgrammes; p++)
        {
            var id = FormattableString.Invariant($"bench-portfolio-{p:D2}");
            await host.Channel.UnaryAsync(
                CreateProgramme,
                new CreateProgrammeRequest { Yaml = ManyMeasuresProgramme.Yaml(GoalsPerProgramme, id, $"Benchmark programme {p}", goalEvery: 1), FileName = id + ".yaml" },
                GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(60), new Metadata { { "authorization", "Bearer " + admin } }));

            using var call = host.Channel.AsyncDuplexStreamingCall(ReportObservations, GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(120), new Metadata { { "authorization", "Bearer " + partner }, { "collab-programme", id } }));
            // Acknowledgements are read as they come, so neither side's window fills while the other waits.
            var acks = Task.Run(async () =>
            {
                var count = 0;
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    count++;
                }

                return count;
            });
            for (var m = 0; m < GoalsPerProgramme; m++)
            {
                for (var month = 0; month < Months; month++)
                {
                    await call.RequestStream.WriteAsync(new Observation
                    {
                        Id = FormattableString.Invariant($"{id}-{m}-{month}"),
                        MeasureId = ManyMeasuresProgramme.MeasureId(m),
                        Period = new DateOnly(2024, 1, 1).AddMonths(month).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        Value = 45 + (((m * 7) + (month * 13)) % 11),
                        Source = "dashboard-benchmark",
                    });
                }
            }

            await call.RequestStream.CompleteAsync();
            var acknowledged = await acks;
            if (acknowledged != GoalsPerProgramme * Months)
            {
                throw new InvalidOperationException($"{id}: {acknowledged} of {GoalsPerProgramme * Months} observations acknowledged");
            }
        }
    }

    private static async Task<Result> MeasureAsync(HttpClient client, string path, int readers, double warmUp, double seconds, HostProcess host)
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
    private static async Task<int> WaitForModulesAsync(HostProcess host)
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
