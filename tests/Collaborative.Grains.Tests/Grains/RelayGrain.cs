namespace Collaborative.Grains.Tests.Grains;

/// <summary>Calls the next grain in a path of keys: Forward(["a", "b", "a"]) is the cycle a → b → a.</summary>
internal interface IRelayGrain : IGrainWithStringKey
{
    Task<string> Forward(string[] path, int next);

    [AlwaysInterleave]
    Task<string> ForwardInterleaved(string[] path, int next);
}

internal sealed class RelayGrain : Grain, IRelayGrain
{
    public async Task<string> Forward(string[] path, int next)
    {
        if (next == path.Length)
        {
            return this.GetPrimaryKeyString();
        }

        await Task.Yield();
        return this.GetPrimaryKeyString() + ">" + await GrainFactory.GetGrain<IRelayGrain>(path[next]).Forward(path, next + 1);
    }

    public async Task<string> ForwardInterleaved(string[] path, int next) =>
        next == path.Length
            ? this.GetPrimaryKeyString()
            : this.GetPrimaryKeyString() + ">" + await GrainFactory.GetGrain<IRelayGrain>(path[next]).ForwardInterleaved(path, next + 1);
}

internal interface IReentrantRelayGrain : IGrainWithStringKey
{
    Task<string> Forward(string[] path, int next);
}

[Reentrant]
internal sealed class ReentrantRelayGrain : Grain, IReentrantRelayGrain
{
    public async Task<string> Forward(string[] path, int next)
    {
        if (next == path.Length)
        {
            return this.GetPrimaryKeyString();
        }

        await Task.Yield();
        return this.GetPrimaryKeyString() + ">" + await GrainFactory.GetGrain<IReentrantRelayGrain>(path[next]).Forward(path, next + 1);
    }
}
