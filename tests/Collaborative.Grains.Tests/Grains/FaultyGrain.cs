using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Grains;

internal sealed class GrainFailureException(string message) : Exception(message);

internal interface IFaultyGrain : IGrainWithStringKey
{
    Task ThrowSynchronously(string message);

    Task<int> ThrowAfterAwait(string message);

    Task Hang(string gate);

    ValueTask<int> AddAsValueTask(int a, int b);

    ValueTask<int> AddLater(int a, int b);

    ValueTask NothingLater();
}

internal sealed class FaultyGrain(GrainProbe probe) : Grain, IFaultyGrain
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Exception> Thrown = new();

    public Task ThrowSynchronously(string message) => throw Remember(message);

    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw Remember(message);
    }

    public Task Hang(string gate) => probe.Gate(gate);

    public ValueTask<int> AddAsValueTask(int a, int b) => ValueTask.FromResult(a + b);

    public async ValueTask<int> AddLater(int a, int b)
    {
        await Task.Delay(1);
        return a + b;
    }

    public async ValueTask NothingLater() => await Task.Delay(1);

    private static GrainFailureException Remember(string message)
    {
        var e = new GrainFailureException(message);
        Thrown[message] = e;
        return e;
    }
}
