using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Grains;

/// <summary>A non-reentrant grain that notices if two calls ever overlap.</summary>
internal interface ISequenceGrain : IGrainWithStringKey
{
    Task Record(int value);

    Task Block(string gate);

    [ReadOnly]
    Task ReadBlocked(string gate);

    [AlwaysInterleave]
    Task<int> Peek();

    Task<int[]> Recorded();
}

internal sealed class SequenceGrain(GrainProbe probe) : Grain, ISequenceGrain
{
    private readonly List<int> _recorded = [];
    private int _inside;

    public async Task Record(int value)
    {
        Enter();
        _recorded.Add(value);
        await Task.Yield(); // a real await inside the call: another call must still not start
        await Task.Delay(1);
        Exit();
    }

    public async Task Block(string gate)
    {
        Enter();
        probe.Record($"block-start:{gate}");
        await probe.Gate(gate);
        probe.Record($"block-end:{gate}");
        Exit();
    }

    public async Task ReadBlocked(string gate)
    {
        probe.Record($"read-start:{gate}");
        await probe.Gate(gate);
        probe.Record($"read-end:{gate}");
    }

    public Task<int> Peek() => Task.FromResult(_recorded.Count);

    public Task<int[]> Recorded() => Task.FromResult(_recorded.ToArray());

    private void Enter()
    {
        if (++_inside != 1)
        {
            probe.Record("OVERLAP");
        }
    }

    private void Exit() => _inside--;
}
