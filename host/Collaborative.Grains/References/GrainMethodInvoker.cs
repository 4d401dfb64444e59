using System.Reflection;
using Collaborative.Grains.Concurrency;
using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.References;

/// <summary>Everything the runtime needs to call one grain interface method, built once per method.</summary>
internal abstract class GrainMethodInvoker
{
    protected GrainMethodInvoker(MethodInfo method)
    {
        Method = method;
        DisplayName = $"{method.DeclaringType!.Name}.{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);
    }

    internal MethodInfo Method { get; }

    internal string DisplayName { get; }

    internal bool AlwaysInterleave { get; }

    internal bool ReadOnly { get; }

    /// <summary>Calls the method on the grain instance; the grain's own task (a ValueTask is converted). A synchronous
    /// throw becomes a faulted task of the method's own task type.</summary>
    internal abstract Task InvokeGrain(object grain, object?[]? args);

    /// <summary>A failed answer typed as the method's task (callers cast a Task&lt;T&gt; method's answer to Task&lt;T&gt;).</summary>
    internal abstract Task Faulted(Exception exception);

    /// <summary>A call object for the slow path (queued, or the grain's task did not complete synchronously).</summary>
    internal abstract GrainCall CreateCall(GrainRuntime runtime, GrainInterfaceInfo target, GrainId id, object?[]? args, CallChain? chain, bool retryConflicts);

    /// <summary>Converts the caller-facing task into what the interface method returns.</summary>
    internal abstract object ToReturnValue(Task task);

    internal static GrainMethodInvoker Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        GrainMethodReturnKind kind;
        Type resultType;
        if (returnType == typeof(Task))
        {
            (kind, resultType) = (GrainMethodReturnKind.Task, typeof(object));
        }
        else if (returnType == typeof(ValueTask))
        {
            (kind, resultType) = (GrainMethodReturnKind.ValueTask, typeof(object));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            (kind, resultType) = (GrainMethodReturnKind.TaskOfT, returnType.GetGenericArguments()[0]);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            (kind, resultType) = (GrainMethodReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]);
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}; grain methods must " +
                "return Task, Task<T>, ValueTask or ValueTask<T> (calls are asynchronous messages).");
        }

        var invoke = GrainMethodBinder.Bind(method, kind, resultType);
        var invokerType = typeof(GrainMethodInvoker<>).MakeGenericType(resultType);
        return (GrainMethodInvoker)Activator.CreateInstance(invokerType, method, kind, invoke)!;
    }
}
