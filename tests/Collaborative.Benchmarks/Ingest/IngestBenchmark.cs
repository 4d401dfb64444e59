using System.Diagnostics;
using System.Globalization;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Benchmarks.Ingest;

/// <summary>
/// Observations per second through the real host's ReportObservations, each acknowledged only once durable,
/// on the embedded default (SQLite) and on PostgreSQL; beside the same rows written straight to the same
/// database in the same transactions (<see cref="DirectInserts"/>), measured in the same run.
/// Options: --observations (100000), --measures (1000), --streams concurrent reports (1),
/// --order measure|period (measure: each measure's series in turn, as a history is imported; period: each
/// period across every measure, as monthly reporting arrives), --postgres 1|0 (1).
/// </summary>
internal static class IngestBenchmark
{
    /// <summary>The host's bound on observations recorded together (HostService.ReportChunk).</summary>
    private const int ReportChunk = 256;

    private static readonly Method<Observation, ObservationAck> Report = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");
    private static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = GrpcTestCalls.Method<ListObservationsRequest, ListObservationsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListObservations");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var count = options.Int("observations", 100_000);
        var measures = options.Int("measures", 1_000);
        var streams = options.Int("streams", 1);
        var byPeriod = options.Text("order", "measure") switch
        {
            "measure" => false,
            "period" => true,
            var other => throw new ArgumentException($"--order must be 'measure' or 'period', not '{other}'."),
        };
        var postgres = options.Int("postgres", 1) != 0;
        if (count % measures != 0)
        {
            throw new ArgumentException($"--observations ({count}) must be a multiple of --measures ({measures}).");
        }

        if (BenchHost.Dll is not { } dll)
        {
            Console.Error.WriteLine("Build the host first: dotnet build -c Release host/Collaborative.Host");
            return 2;
        }

        var reports = Reports(count, measures, streams, byPeriod);
        var warmUp = Reports(measures, measures, 1, byPeriod: true, firstPeriod: new DateOnly(2016, 12, 1), idPrefix: "warm");
        var writes = HostWrites(reports);
        var work = Directory.CreateTempSubdirectory("collab-bench-ingest-").FullName;
        var loadBefore = BenchSupport.LoadAverage();
        try
        {
            var programme = Path.Combine(work, "programme.yaml");
            await File.WriteAllTextAsync(programme, ManyMeasuresProgramme.Yaml(measures));
            Directory.CreateDirectory(Path.Combine(work, "plugins"));
            Console.WriteLine($"host: {Path.GetRelativePath(BenchSupport.Root, dll)}; {count:N0} observations over {measures:N0} monthly measures, {streams} concurrent ReportObservations call(s), ordered by {(byPeriod ? "period (every measure's value for a month, then the next month)" : "measure (one measure's series, then the next)")}; {writes.Count:N0} durable writes of up to {ReportChunk} observations");
            Console.WriteLine($"load average before: {loadBefore} ({Environment.ProcessorCount} cores)");

            var sqliteData = Path.Combine(work, "sqlite");
            var sqlite = await HostRunAsync(sqliteData, work, programme, null, warmUp, reports);
            var sqliteFile = Path.Combine(sqliteData, "collaborative.db");
            var durability = await DirectInserts.SqliteSynchronousAsync(sqliteFile);
            var sqliteWrites = await DirectInserts.SqliteMeasureWritesAsync(sqliteFile) - measures;
            var sqliteBaseline = await DirectInserts.SqliteAsync(sqliteFile, writes);

            (double Host, double Baseline, long Writes)? pg = null;
            if (postgres)
            {
                var server = Path.Combine(Path.GetTempPath(), "collab-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
                var connectionString = await PostgresScript.StartAsync(BenchSupport.Root, server, Collaborative.Tests.HostProcess.FreePort());
                try
                {
                    var host = await HostRunAsync(Path.Combine(work, "pg"), work, programme, PostgresMember(connectionString), warmUp, reports);
                    var hostWrites = await DirectInserts.PostgresMeasureWritesAsync(connectionString) - measures;
                    pg = (host, await DirectInserts.PostgresAsync(connectionString, writes), hostWrites);
                }
                finally
                {
                    await PostgresScript.StopAsync(BenchSupport.Root, server);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| {count:N0} observations, acknowledged durable | durable writes | seconds | observations/s | vs direct inserts |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row("SQLite (embedded default): direct inserts, same transactions (baseline)", writes.Count, sqliteBaseline, sqliteBaseline);
            Row("SQLite (embedded default): the host's ReportObservations", sqliteWrites, sqlite, sqliteBaseline);
            if (pg is { } p)
            {
                Row("PostgreSQL: direct inserts, same transactions (baseline)", writes.Count, p.Baseline, p.Baseline);
                Row("PostgreSQL: the host's ReportObservations", p.Writes, p.Host, p.Baseline);
            }

            Console.WriteLine();
            Console.WriteLine($"SQLite {durability}; the baseline writes into the host's own file after the host stopped. The host's durable writes are its measure grains' state versions, less the warm-up's one per measure.");
            Console.WriteLine($"load average after: {BenchSupport.LoadAverage()}");
            var ingest = count / sqlite;
            Console.WriteLine(ingest >= 5000
                ? $"PASS: {ingest:N0} observations/s acknowledged on the embedded default (floor 5,000)"
                : $"FAIL: {ingest:N0} observations/s acknowledged on the embedded default, under the floor of 5,000");
            var pairs = new List<(string, double)> { ("ingest_obs_per_s", ingest), ("baseline_obs_per_s", count / sqliteBaseline), ("ratio", sqliteBaseline / sqlite) };
            if (pg is { } q)
            {
                pairs.AddRange([("postgres_obs_per_s", count / q.Host), ("postgres_baseline_obs_per_s", count / q.Baseline), ("postgres_ratio", q.Baseline / q.Host)]);
            }

            BenchSupport.PrintPairs(pairs);
            return 0;

            void Row(string name, long durableWrites, double seconds, double baseline) =>
                Console.WriteLine(FormattableString.Invariant($"| {name} | {durableWrites:N0} | {seconds:0.00} | {count / seconds:N0} | {baseline / seconds:0.00} |"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The durable writes the host makes for these reports: each report in chunks of <see cref="ReportChunk"/> in
    /// order, each chunk one write per measure (HostService and ObservationRecorder). The host takes fewer into a
    /// chunk when fewer have arrived, so this is as few writes as it could make.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<Observation>> HostWrites(IReadOnlyList<IReadOnlyList<Observation>> reports) =>
        [.. reports.SelectMany(report => report.Chunk(ReportChunk))
            .SelectMany(chunk => chunk.GroupBy(o => o.MeasureId, StringComparer.Ordinal).Select(measure => (IReadOnlyList<Observation>)[.. measure]))];

    private static async Task<double> HostRunAsync(string data, string work, string programme, Dictionary<string, string>? environment,
        IReadOnlyList<IReadOnlyList<Observation>> warmUp, IReadOnlyList<IReadOnlyList<Observation>> reports)
    {
        await using var host = await BenchHost.StartAsync(data, Path.Combine(work, "plugins"), programme, environment);
        // Warm-up (not timed): one observation per measure, so every measure grain is active and the code is jitted,
        // as in a host that has been running.
        await ReportAllAsync(host.Channel, warmUp);
        var seconds = await ReportAllAsync(host.Channel, reports);
        // What was acknowledged is there: a measure's whole series, read back.
        var first = reports[0][0].MeasureId;
        var stored = (await host.Channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = first })).Observations.Count;
        var expected = reports.Sum(r => r.Count(o => o.MeasureId == first)) + warmUp.Sum(r => r.Count(o => o.MeasureId == first));
        if (stored != expected)
        {
            throw new InvalidOperationException($"Measure {first} holds {stored} observations after the run, not {expected}.");
        }

        return seconds;
    }

    /// <summary>Sends every report on its own ReportObservations call, all at once; returns once every observation is acknowledged.</summary>
    private static async Task<double> ReportAllAsync(GrpcChannel channel, IReadOnlyList<IReadOnlyList<Observation>> reports)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(reports.Select(async report =>
        {
            using var call = channel.AsyncDuplexStreamingCall(Report);
            var acknowledging = Task.Run(async () =>
            {
                var acks = 0;
                while (await call.ResponseStream.MoveNext())
                {
                    if (call.ResponseStream.Current.Duplicate || call.ResponseStream.Current.ObservationId != report[acks].Id)
                    {
                        throw new InvalidOperationException($"Observation {report[acks].Id} was acknowledged as {call.ResponseStream.Current}.");
                    }

                    acks++;
                }

                return acks;
            });
            foreach (var observation in report)
            {
                await call.RequestStream.WriteAsync(observation);
            }

            await call.RequestStream.CompleteAsync();
            var acknowledged = await acknowledging;
            if (acknowledged != report.Count)
            {
                throw new InvalidOperationException($"{acknowledged} of {report.Count} observations were acknowledged.");
            }
        }));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// <paramref name="count"/> observations, count/measures consecutive months for each measure, split into
    /// <paramref name="streams"/> reports by measure (a partner reports its own measures).
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<Observation>> Reports(int count, int measures, int streams, bool byPeriod,
        DateOnly? firstPeriod = null, string idPrefix = "obs")
    {
        var periods = count / measures;
        var start = firstPeriod ?? new DateOnly(2017, 1, 1);
        var random = new Random(13);
        var reports = Enumerable.Range(0, streams).Select(_ => new List<Observation>(count / streams)).ToArray();
        for (var outer = 0; outer < (byPeriod ? periods : measures); outer++)
        {
            for (var inner = 0; inner < (byPeriod ? measures : periods); inner++)
            {
                var (measure, period) = byPeriod ? (inner, outer) : (outer, inner);
                var month = start.AddMonths(period).ToString("yyyy-MM", CultureInfo.InvariantCulture);
                reports[measure % streams].Add(new Observation
                {
                    Id = FormattableString.Invariant($"{idPrefix}-{measure:D4}-{month}"),
                    MeasureId = ManyMeasuresProgramme.MeasureId(measure),
                    Period = month,
                    Value = 40 + random.Next(0, 20),
                    Source = "bench",
                });
            }
        }

        return reports;
    }

    /// <summary>A single host on PostgreSQL: clustering and grain storage there.</summary>
    private static Dictionary<string, string> PostgresMember(string connectionString) => new()
    {
        ["COLLABORATIVE__CLUSTER__PROVIDER"] = "PostgreSql",
        ["COLLABORATIVE__CLUSTER__CONNECTIONSTRING"] = connectionString,
        ["COLLABORATIVE__CLUSTER__SILOPORT"] = Collaborative.Tests.HostProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__GATEWAYPORT"] = Collaborative.Tests.HostProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        ["COLLABORATIVE__CLUSTER__ADVERTISEDADDRESS"] = "127.0.0.1",
    };
}
