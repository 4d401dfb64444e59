using Microsoft.Extensions.Options;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace Collaborative.Programme.Grains;

/// <summary>
/// The one definition of a retried grain write. A stale ETag means storage holds a newer state than this
/// activation: re-read it, apply the change again to what is stored, and write once more, bounded by
/// <see cref="StorageConflictOptions"/>. Orleans itself only deactivates the grain and fails the call.
/// </summary>
internal sealed class StorageConflicts
{
    private readonly ResiliencePipeline _pipeline;

    public StorageConflicts(IOptions<StorageConflictOptions> options)
    {
        var value = options.Value;
        if (value.MaxRetries < 0 || value.Delay < TimeSpan.Zero)
        {
            throw new OptionsValidationException(StorageConflictOptions.Section, typeof(StorageConflictOptions),
                [$"{StorageConflictOptions.Section}: MaxRetries must be 0 or more and Delay not negative (were {value.MaxRetries}, {value.Delay})."]);
        }

        _pipeline = value.MaxRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<InconsistentStateException>(),
                    MaxRetryAttempts = value.MaxRetries,
                    Delay = value.Delay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the state and writes it; on a stale ETag re-reads (then calls
    /// <paramref name="reloaded"/>) and tries again. When the write finally fails the state is re-read, so the
    /// activation never holds what storage does not.
    /// </summary>
    public async Task<T> WriteAsync<TState, T>(IPersistentState<TState> state, Func<T> change, Action reloaded)
    {
        // Grain code: Polly must resume on the activation's scheduler, never on the thread pool.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true);
        var first = true;
        try
        {
            return await _pipeline.ExecuteAsync(
                async _ =>
                {
                    if (!first)
                    {
                        await state.ReadStateAsync();
                        reloaded();
                    }

                    first = false;
                    var result = change();
                    await state.WriteStateAsync();
                    return result;
                },
                context);
        }
        catch
        {
            // Not durable: forget the change so memory matches storage.
            await state.ReadStateAsync();
            reloaded();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
