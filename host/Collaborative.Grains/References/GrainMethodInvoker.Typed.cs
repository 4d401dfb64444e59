using System.Reflection;
using Collaborative.Grains.Concurrency;
using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.References;

/// <summary>The invoker for a method whose result type is <typeparamref name="TResult"/> (object for Task/ValueTask).</summary>
internal sealed class GrainMethodInvoker<TResult>(MethodInfo method, GrainMethodReturnKind kind, Func<object, object?[]?, Task> invoke)
    : GrainMethodInvoker(method)
{
    internal override Task InvokeGrain(object grain, object?[]? args)
    {
        try
        {
            return invoke(grain, args);
        }
        catch (Exception e)
        {
            return Faulted(e); // a non-async grain method that throws still answers through its task
        }
    }

    internal override Task Faulted(Exception exception) => kind is GrainMethodReturnKind.TaskOfT or GrainMethodReturnKind.ValueTaskOfT
        ? Task.FromException<TResult>(exception)
        : Task.FromException(exception);

    internal override GrainCall CreateCall(GrainRuntime runtime, GrainInterfaceInfo target, GrainId id, object?[]? args, CallChain? chain, bool retryConflicts) =>
        new GrainCall<TResult>(runtime, target, id, this, args, chain, retryConflicts);

    internal override object ToReturnValue(Task task) => kind switch
    {
        GrainMethodReturnKind.Task or GrainMethodReturnKind.TaskOfT => task,
        GrainMethodReturnKind.ValueTask => new ValueTask(task),
        _ => new ValueTask<TResult>((Task<TResult>)task),
    };
}
