namespace Collaborative.Grains;

/// <summary>A call would wait on itself: the target is already in the call chain and is not reentrant. Thrown at once,
/// instead of hanging until the response timeout.</summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception for a chain, outermost caller first, ending with the repeated grain.</summary>
    public DeadlockException(IReadOnlyList<string> callChain)
        : base($"Deadlock: the grain call chain {string.Join(" -> ", callChain)} would wait on itself, because " +
               $"{callChain[^1]} is busy with the call that started the chain and is not reentrant. Mark the grain " +
               "class [Reentrant] or the method [AlwaysInterleave] if interleaving is safe, or break the cycle.")
    {
        CallChain = callChain;
    }

    /// <summary>The grains in the chain, outermost caller first; the last one repeats an earlier one.</summary>
    public IReadOnlyList<string> CallChain { get; }
}
