using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.Concurrency;

/// <summary>
/// The grains a logical call passes through, innermost first. It flows with the async control flow (AsyncLocal), so a
/// grain's outgoing calls, even after awaits, know which activations are waiting on them: that is how A→B→A is caught.
/// <para>
/// A call from outside any grain sets nothing: grain code always runs under its activation's SynchronizationContext,
/// so "no explicit chain, inside activation A" means the chain is just [A]. Only grain-to-grain calls pay for an
/// AsyncLocal write, which keeps the common call free of allocations.
/// </para>
/// </summary>
internal sealed class CallChain(GrainId grain, CallChain? caller)
{
    private static readonly AsyncLocal<CallChain?> s_explicit = new();

    /// <summary>The chain of the code running now: explicit, or implied by the activation it runs in.</summary>
    internal static CallChain? Current => s_explicit.Value ?? (SynchronizationContext.Current as GrainActivation)?.RootChain;

    /// <summary>The chain set by the runtime for a grain-to-grain call.</summary>
    internal static CallChain? Explicit
    {
        get => s_explicit.Value;
        set => s_explicit.Value = value;
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
