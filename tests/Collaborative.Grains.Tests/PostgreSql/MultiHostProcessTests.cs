using System.Collections.Concurrent;
using System.Diagnostics;
using Collaborative.Grains.Storage.PostgreSql;
using Collaborative.Grains.Tests.Protos;
using Collaborative.Tests.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Collaborative.Grains.Tests.PostgreSql;

/// <summary>
/// Two host processes (tests/Collaborative.Grains.TestHost) increment one grain in one PostgreSQL database at the
/// same time. Each worker numbers its increments and the grain applies each number once, so the stored state says
/// exactly which increments took effect; the processes print each increment they got an answer for.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiHostProcessTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Workers = 3;

    [Fact]
    public async Task TwoHosts_IncrementOneGrainConcurrently_CountEqualsAcknowledgedIncrements()
    {
        var grain = "shared-" + Guid.NewGuid().ToString("N");
        const int increments = 100;
        await using var a = HostProcess.Start(server, "a", grain, increments);
        await using var b = HostProcess.Start(server, "b", grain, increments);

        await Task.WhenAll(a.Exited, b.Exited).WaitAsync(TimeSpan.FromMinutes(4));
        Report(a, b);

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        var state = await ReadStateAsync(grain);
        Assert.Equal(2 * Workers * increments, a.AcknowledgedTotal + b.AcknowledgedTotal);
        Assert.Equal(a.AcknowledgedTotal + b.AcknowledgedTotal, state.Count);
        Assert.All(state.Applied.Values, last => Assert.Equal(increments, last));
    }

    [Fact]
    public async Task HostKilledMidRun_LosesNoAcknowledgedIncrement_AndCountsNothingTwice()
    {
        var grain = "shared-" + Guid.NewGuid().ToString("N");
        const int survivorIncrements = 150;
        await using var victim = HostProcess.Start(server, "victim", grain, increments: 100_000);
        await using var survivor = HostProcess.Start(server, "survivor", grain, survivorIncrements);

        await victim.WaitForAcknowledgedAsync(60, TimeSpan.FromMinutes(2));
        victim.Kill(); // SIGKILL: no shutdown, no flush, mid-write for all we know
        await survivor.Exited.WaitAsync(TimeSpan.FromMinutes(4));
        Report(victim, survivor);

        Assert.Equal(0, survivor.ExitCode);
        var state = await ReadStateAsync(grain);
        Assert.Equal(state.Applied.Values.Sum(), state.Count); // each applied increment counted once
        foreach (var worker in Enumerable.Range(0, Workers).Select(w => $"survivor-{w}"))
        {
            Assert.Equal(survivorIncrements, state.Applied[worker]);
        }

        foreach (var worker in Enumerable.Range(0, Workers).Select(w => $"victim-{w}"))
        {
            // Every acknowledged increment is stored; at most the one in flight when the process died is stored
            // without its acknowledgement having been printed.
            var acknowledged = victim.Acknowledged(worker);
            Assert.InRange(state.Applied.GetValueOrDefault(worker), acknowledged, acknowledged + 1);
        }

        Assert.InRange(state.Count, victim.AcknowledgedTotal + survivor.AcknowledgedTotal, victim.AcknowledgedTotal + survivor.AcknowledgedTotal + Workers);
    }

    private async Task<CounterState> ReadStateAsync(string grain)
    {
        await using var storage = new PostgresGrainStorage(server.ConnectionString, "reader", null, null, NullLogger.Instance);
        var record = await storage.ReadAsync(new GrainId("shared-counter", grain), "counter", default);
        return CounterState.Parser.ParseFrom(record!.Data);
    }

    private void Report(params HostProcess[] hosts)
    {
        output.WriteLine($"PostgreSQL started in {server.StartupTime.TotalSeconds:F1} s");
        foreach (var host in hosts)
        {
            output.WriteLine($"{host.Name}: {host.AcknowledgedTotal} acknowledged in {host.Elapsed.TotalSeconds:F1} s; exit {host.ExitCodeText}; {host.LastLine}");
            output.WriteLine(host.Errors);
        }
    }

    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentDictionary<string, long> _acknowledged = new();
        private readonly ConcurrentQueue<string> _errors = new();
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _total;

        private HostProcess(string name, Process process)
        {
            Name = name;
            _process = process;
        }

        public string Name { get; }

        public int AcknowledgedTotal => Volatile.Read(ref _total);

        public Task Exited => _exited.Task;

        public int ExitCode => _process.ExitCode;

        public string ExitCodeText => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "running";

        public TimeSpan Elapsed => _clock.Elapsed;

        public string LastLine { get; private set; } = "";

        public string Errors => string.Join(Environment.NewLine, _errors.Take(20));

        public static HostProcess Start(PostgresServer server, string name, string grain, int increments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(PostgresServer.TestHostPath);
            start.ArgumentList.Add($"--TestHost:Name={name}");
            start.ArgumentList.Add($"--TestHost:Grain={grain}");
            start.ArgumentList.Add($"--TestHost:Workers={Workers}");
            start.ArgumentList.Add($"--TestHost:Increments={increments}");
            start.Environment["Grains__Storage__Provider"] = "PostgreSql";
            start.Environment["Grains__Storage__ConnectionString"] = server.ConnectionString;
            start.Environment["Grains__InconsistentStateRetries"] = "10";
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var host = new HostProcess(name, process);
            process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    host._errors.Enqueue(e.Data);
                }
            };
            process.Exited += (_, _) => host._exited.TrySetResult();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return host;
        }

        public long Acknowledged(string worker) => _acknowledged.GetValueOrDefault(worker);

        public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (AcknowledgedTotal < count)
            {
                if (deadline.Elapsed > timeout || _process.HasExited)
                {
                    throw new TimeoutException($"{Name} acknowledged {AcknowledgedTotal} of {count}: {Errors}");
                }

                await Task.Delay(20);
            }
        }

        public void Kill()
        {
            _process.Kill(); // SIGKILL on Linux
            _process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            LastLine = line;
            var parts = line.Split(' ');
            if (parts is ["ACK", var worker, var sequence, _])
            {
                _acknowledged.AddOrUpdate(worker, long.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture), (_, old) => Math.Max(old, long.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture)));
                Interlocked.Increment(ref _total);
            }
        }
    }
}
