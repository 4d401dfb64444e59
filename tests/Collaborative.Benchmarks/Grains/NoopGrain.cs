using Collaborative.Grains;

namespace Collaborative.Benchmarks.Grains;

public interface INoopGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>The grain under test: the method does nothing, so the numbers are the runtime's own cost.</summary>
public sealed class NoopGrain : Grain, INoopGrain
{
    public Task Ping() => Task.CompletedTask;
}

/// <summary>The same method on a plain object, called through the same interface: the baseline.</summary>
public sealed class PlainNoop : INoopGrain
{
    public Task Ping() => Task.CompletedTask;
}
