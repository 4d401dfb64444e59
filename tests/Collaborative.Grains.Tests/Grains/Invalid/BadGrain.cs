namespace Collaborative.Grains.Tests.Grains.Invalid;

/// <summary>Deliberately invalid: a grain method must return a task. Used to check start-up rejects it.</summary>
internal interface IBadGrain : IGrainWithStringKey
{
    int Count();
}

internal sealed class BadGrain : Grain, IBadGrain
{
    public int Count() => 0;
}
