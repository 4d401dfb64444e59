namespace Collaborative.Grains.Concurrency;

/// <summary>
/// The grains a logical call passes through, innermost first. It flows with the async control flow (AsyncLocal), so a
/// grain's outgoing calls, even after awaits, know which activations are waiting on them: that is how A→B→A is caught.
/// </summary>
internal sealed class CallChain(GrainId grain, CallChain? caller)
{
    private static readonly AsyncLocal<CallChain?> s_current = new();

    internal static CallChain? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    internal GrainId Grain { get; } = grain;

    internal CallChain? Caller { get; } = caller;

    internal bool Contains(GrainId id)
    {
        for (var link = this; link is not null; link = link.Caller)
        {
            if (link.Grain == id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Outermost caller first, then <paramref name="next"/>.</summary>
    internal IReadOnlyList<string> Describe(GrainId next)
    {
        var names = new List<string> { next.ToString() };
        for (var link = this; link is not null; link = link.Caller)
        {
            names.Add(link.Grain.ToString());
        }

        names.Reverse();
        return names;
    }
}
