using System.Globalization;
using System.Runtime.CompilerServices;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.HealthCheck;
using Collaborative.Plugins;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Collaborative.Host.Tests.Plugin;

/// <summary>
/// Records observation n = 1, 2, 3 … every 20 ms, durably (the count file is fsynced before an
/// observation is visible), and serves them after a cursor. Files in the data directory steer it:
/// "fail-collect" makes collection fail with UNAVAILABLE, "unhealthy" reports NOT_SERVING,
/// "crash-on-start" exits at once with code 3, "stop-counting" freezes the count (and it then writes
/// "counting-stopped"). It counts its alignment evaluations. Its own service is the
/// interop contract (interop.v1.InteropTest).
/// </summary>
internal sealed class CounterModule : IProgrammeModule
{
    /// <summary>Written once the count has stopped after "stop-counting": the count file is final.</summary>
    public const string CountingStoppedFile = "counting-stopped";

    private readonly string _data;
    private readonly string _id;
    private readonly string _countFile;
    private long _count;

    public CounterModule(string data, string id, HealthServiceImpl health)
    {
        _data = data;
        _id = id;
        _countFile = Path.Combine(data, "count");
        _count = File.Exists(_countFile) ? long.Parse(File.ReadAllText(_countFile), CultureInfo.InvariantCulture) : 0;
        File.WriteAllText(Path.Combine(data, "pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (File.Exists(Path.Combine(data, "crash-on-start")))
        {
            Console.Error.WriteLine("fail: told to crash on start");
            Environment.Exit(3);
        }

        _ = Task.Run(() => CountAsync(health));
    }

    private async Task CountAsync(HealthServiceImpl health)
    {
        while (true)
        {
            await Task.Delay(20);
            health.SetStatus(PluginProtocol.HealthServiceName, File.Exists(Path.Combine(_data, "unhealthy")) ? ServingStatus.NotServing : ServingStatus.Serving);
            if (File.Exists(Path.Combine(_data, "stop-counting")))
            {
                // The count file is final from here on; say so, for a test waiting to read it.
                var stopped = Path.Combine(_data, CountingStoppedFile);
                if (!File.Exists(stopped))
                {
                    File.WriteAllText(stopped, "");
                }

                continue;
            }

            var next = Interlocked.Read(ref _count) + 1;
            var temporary = _countFile + ".tmp";
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _countFile, overwrite: true);
            Interlocked.Exchange(ref _count, next);
        }
    }

    public PluginDescription Describe() => new()
    {
        Id = _id,
        Name = "Counter (test plugin)",
        Version = "1.0.0",
        PartnerOrganisation = Environment.GetEnvironmentVariable("TEST_PLUGIN_PARTNER") ?? "test-partner",
        Measures = { new MeasureContribution { MeasureId = "test.count", Name = "Count", Unit = "count" } },
        // Its own service, reached by staff systems through the host's module gateway; the reserved
        // names are listed too, to prove the host never forwards them.
        Services = { "interop.v1.InteropTest", "collaborative.v1.Plugin", "grpc.health.v1.Health" },
    };

    /// <summary>
    /// Counts its evaluations in the "alignment-calls" file (replaced whole, so a reader never sees half of it)
    /// and reports one finding naming the evaluation.
    /// </summary>
    public Task<IReadOnlyList<AlignmentFinding>> EvaluateAlignmentAsync(string programmeId, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_data, "alignment-calls");
        var calls = (File.Exists(file) ? long.Parse(File.ReadAllText(file), CultureInfo.InvariantCulture) : 0) + 1;
        File.WriteAllText(file + ".tmp", calls.ToString(CultureInfo.InvariantCulture));
        File.Move(file + ".tmp", file, overwrite: true);
        return Task.FromResult<IReadOnlyList<AlignmentFinding>>(
            [new AlignmentFinding { RuleId = "counter.evaluated", SubjectKind = "module", SubjectId = _id, What = $"evaluation {calls} of {programmeId}" }]);
    }

    public async IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(_data, "fail-collect")))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "collection is switched off by the test"));
        }

        var from = cursor.Length == 0 ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
        var to = Interlocked.Read(ref _count);
        var size = maxBatch > 0 ? maxBatch : 10;
        for (var start = from; start < to; start += size)
        {
            var batch = new ObservationBatch();
            for (var n = start + 1; n <= Math.Min(to, start + size); n++)
            {
                batch.Observations.Add(new Observation { Id = $"{_id}:{n}", MeasureId = "test.count", Period = "2026-01", Value = n, Source = _id });
            }

            batch.Cursor = Math.Min(to, start + size).ToString(CultureInfo.InvariantCulture);
            await Task.Yield();
            yield return batch;
        }
    }
}
