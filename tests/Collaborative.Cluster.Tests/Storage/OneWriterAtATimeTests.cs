using Collaborative.Cluster.Storage;
using Collaborative.Cluster.Tests.Grains;
using Collaborative.Cluster.Tests.Protos;
using Orleans.Storage;

namespace Collaborative.Cluster.Tests.Storage;

public sealed class OneWriterAtATimeTests
{
    [Fact]
    public async Task AWrite_WaitsForTheOneInProgress_WhileReadsGoStraightThrough()
    {
        var inner = new GatedStorage();
        var storage = new OneWriterAtATime(inner);
        var firstGate = inner.GateNextWrite();

        var first = storage.WriteStateAsync("ledger", NewGrainId(), NewState());
        var second = storage.WriteStateAsync("ledger", NewGrainId(), NewState());
        var clear = storage.ClearStateAsync("ledger", NewGrainId(), NewState());
        await storage.ReadStateAsync("ledger", NewGrainId(), NewState());

        Assert.Equal(1, inner.WritesStarted);
        Assert.Equal(1, inner.Reads);
        Assert.False(second.IsCompleted);
        Assert.False(clear.IsCompleted);

        firstGate.SetResult();
        await Task.WhenAll(first, second, clear).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, inner.WritesStarted);
        Assert.Equal(1, inner.MostWritesAtOnce);
    }

    [Fact]
    public async Task AFailedWrite_FailsItsCaller_AndGivesTheTurnToTheNext()
    {
        var inner = new GatedStorage();
        var storage = new OneWriterAtATime(inner);
        inner.GateNextWrite().SetException(new InconsistentStateException("stale ETag"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("ledger", NewGrainId(), NewState()));
        await storage.WriteStateAsync("ledger", NewGrainId(), NewState()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, inner.WritesStarted);
    }

    [Fact]
    public async Task TheEmbeddedDefault_TakesWritesInTurn_AndManyGrainsWritingAtOnceAllLand()
    {
        using var data = new TemporaryDirectory();
        await using (var silo = await ClusterSilo.StartEmbeddedAsync(data.Path))
        {
            Assert.IsType<OneWriterAtATime>(silo.DefaultStorage);
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                silo.Grains.GetGrain<ILedgerGrain>($"ward-{i}").Record(new LedgerEntry { Note = "month 1", Amount = i })));
        }

        await using var restarted = await ClusterSilo.StartEmbeddedAsync(data.Path);
        var totals = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i => (await restarted.Grains.GetGrain<ILedgerGrain>($"ward-{i}").Read()).Total));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), totals.Select(t => (long)t));
    }

    private static GrainId NewGrainId() => GrainId.Create("ledger", Guid.NewGuid().ToString("N"));

    private static GrainState<LedgerState> NewState() => new(new LedgerState());

    /// <summary>Storage whose writes can be held open, counting how many run at once.</summary>
    private sealed class GatedStorage : IGrainStorage
    {
        private readonly Queue<TaskCompletionSource> _gates = new();
        private int _inFlight;
        private int _mostAtOnce;
        private int _writesStarted;
        private int _reads;

        public int WritesStarted => Volatile.Read(ref _writesStarted);

        public int MostWritesAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Reads => Volatile.Read(ref _reads);

        public TaskCompletionSource GateNextWrite()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gates)
            {
                _gates.Enqueue(gate);
            }

            return gate;
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Interlocked.Increment(ref _reads);
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        private async Task WriteAsync()
        {
            Interlocked.Increment(ref _writesStarted);
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostAtOnce, now);
            try
            {
                TaskCompletionSource? gate;
                lock (_gates)
                {
                    _gates.TryDequeue(out gate);
                }

                if (gate is not null)
                {
                    await gate.Task;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
