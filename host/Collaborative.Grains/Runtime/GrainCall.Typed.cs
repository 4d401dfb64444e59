using Collaborative.Grains.Concurrency;
using Collaborative.Grains.References;
using Polly;

namespace Collaborative.Grains.Runtime;

/// <summary>A call whose answer is a <typeparamref name="TResult"/> (object, always null, for Task/ValueTask methods).</summary>
internal sealed class GrainCall<TResult>(GrainRuntime runtime, GrainInterfaceInfo target, GrainId id, GrainMethodInvoker invoker, object?[]? args, CallChain? chain, bool retryConflicts)
    : GrainCall(runtime, target, id, invoker, args, chain, retryConflicts)
{
    private readonly TaskCompletionSource<TResult> _answer = new();

    internal override Task Task => _answer.Task;

    internal override void RetryAfterConflict(Task failedAttempt) => _ = RetryAsync(failedAttempt);

    protected override void SetAnswer(Task completed)
    {
        if (completed is Task<TResult> typed)
        {
            _answer.TrySetFromTask(typed); // keeps the grain's exception object and cancellation as they are
        }
        else if (completed.IsFaulted)
        {
            _answer.TrySetException(completed.Exception!.InnerExceptions);
        }
        else if (completed.IsCanceled)
        {
            _answer.TrySetCanceled();
        }
        else
        {
            _answer.TrySetResult(default!);
        }
    }

    protected override void SetAnswerException(Exception exception) => _answer.TrySetException(exception);

    private static async ValueTask<TResult> ResultOf(Task task)
    {
        await task.ConfigureAwait(false);
        return task is Task<TResult> typed ? typed.Result : default!;
    }

    private async Task RetryAsync(Task failedAttempt)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(GrainRuntime.ConflictTargetKey, Id);
        var first = true;
        try
        {
            // The pipeline sees the failed first attempt as its own first outcome, so its delay and bound apply to
            // every retry. Retries bypass per-attempt retrying (retryConflicts: false) so attempts never multiply.
            var result = await Runtime.ConflictPipeline!.ExecuteAsync(
                (_, call) =>
                {
                    if (first)
                    {
                        first = false;
                        return ResultOf(failedAttempt);
                    }

                    return ResultOf(call.Runtime.CallAgain(call.Target, call.Id, call.Invoker, call.Args, call.Chain));
                },
                context,
                this).ConfigureAwait(false);
            if (TryClaimAnswer())
            {
                _answer.TrySetResult(result);
            }
        }
        catch (Exception e)
        {
            AnswerException(e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
