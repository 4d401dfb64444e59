using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Grains;

internal interface IReentrantGrain : IGrainWithStringKey
{
    Task Block(string gate);

    Task<int> Ping();

    /// <summary>Burns CPU in several turns; records an overlap if two turns of this activation ever run at once.</summary>
    Task BusyTurns(int turns);
}

[Reentrant]
internal sealed class ReentrantGrain(GrainProbe probe) : Grain, IReentrantGrain
{
    private int _inTurn;

    public async Task Block(string gate)
    {
        probe.Record($"block-start:{gate}");
        await probe.Gate(gate);
        probe.Record($"block-end:{gate}");
    }

    public Task<int> Ping() => Task.FromResult(probe.Increment("reentrant-pings"));

    public async Task BusyTurns(int turns)
    {
        for (var i = 0; i < turns; i++)
        {
            if (Interlocked.Increment(ref _inTurn) != 1)
            {
                probe.Record("PARALLEL-TURNS");
            }

            Thread.SpinWait(20_000);
            Interlocked.Decrement(ref _inTurn);
            await Task.Yield();
        }
    }
}
