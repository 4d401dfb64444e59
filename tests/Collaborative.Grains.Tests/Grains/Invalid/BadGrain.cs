namespace Collaborative.Grains.Tests.Grains.Invalid;

/// <summary>Deliberately invalid: a grain method must return a task. Used to check start-up rejects it.</summary>
public interface IBadGrain : IGrainWithStringKey
{
    int Count();
}

public sealed class BadGrain : Grain, IBadGrain
{
    public int Count() => 0;
}
