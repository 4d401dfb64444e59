namespace Collaborative.Benchmarks.Grains;

internal interface INoopGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>The grain under test: the method does nothing, so the numbers are the runtime's own cost.</summary>
internal sealed class NoopGrain : Grain, INoopGrain
{
    public Task Ping() => Task.CompletedTask;
}

/// <summary>The same method on a plain object, called through the same interface: the baseline.</summary>
internal sealed class PlainNoop : INoopGrain
{
    public Task Ping() => Task.CompletedTask;
}
