using System.Collections.Concurrent;

namespace Collaborative.Grains.Tests.Infrastructure;

/// <summary>What the test grains saw, shared with the test through DI: events, counters, and gates a test opens.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Waits on the gate only if a test closed it first (by asking for it with <see cref="Gate"/>).</summary>
    public Task GateIfClosed(string name) => _gates.TryGetValue(name, out var gate) ? gate.Task : Task.CompletedTask;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public int Increment(string counter) => _counters.AddOrUpdate(counter, 1, (_, n) => n + 1);

    public int Count(string counter) => _counters.GetValueOrDefault(counter);

    public void Record(string e) => Events.Enqueue(e);

    public async Task WaitUntil(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Waited {timeoutMs} ms for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
