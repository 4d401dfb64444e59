using System.Collections.Concurrent;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>A watcher on the client's side that completes a task at the signal a test waits for.</summary>
internal sealed class ProgressWatcher : IProgressWatcher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _measures = new();
    private readonly TaskCompletionSource<long> _programme = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<long> MeasureSignal(string measureId) => Signal(measureId).Task;

    private readonly TaskCompletionSource<long> _method = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<long> ProgrammeSignal => _programme.Task;

    public Task<long> MethodSignal => _method.Task;

    public void MeasureChanged(string measureId, long sequence) => Signal(measureId).TrySetResult(sequence);

    public void ProgrammeChanged(long version) => _programme.TrySetResult(version);

    public void MethodChanged(long version) => _method.TrySetResult(version);

    private TaskCompletionSource<long> Signal(string measureId) =>
        _measures.GetOrAdd(measureId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
