using System.Reflection;
using System.Runtime.CompilerServices;

namespace Collaborative.Grains.References;

/// <summary>
/// Turns an interface method into a strongly typed open-instance delegate, once per method, without emitting code:
/// a generic helper per arity is closed over the method's types with MakeGenericMethod. The delegate dispatches
/// virtually to the grain class's implementation, so one invoker serves every class implementing the interface.
/// </summary>
internal static class GrainMethodBinder
{
    private const int MaxBoundArity = 6;

    internal static Func<object, object?[]?, Task> Bind(MethodInfo method, GrainMethodReturnKind kind, Type? resultType)
    {
        var parameters = method.GetParameters();
        var returnType = method.ReturnType;
        object raw;
        if (parameters.Length <= MaxBoundArity)
        {
            var typeArguments = new Type[parameters.Length + 2];
            typeArguments[0] = method.DeclaringType!;
            for (var i = 0; i < parameters.Length; i++)
            {
                typeArguments[i + 1] = parameters[i].ParameterType;
            }

            typeArguments[^1] = returnType;
            raw = Helper("Bind" + parameters.Length).MakeGenericMethod(typeArguments).Invoke(null, [method])!;
        }
        else
        {
            raw = Helper(nameof(BindByReflection)).MakeGenericMethod(returnType).Invoke(null, [method])!;
        }

        return kind switch
        {
            // Func is covariant in its result, so a Func<..., Task<T>> already is a Func<..., Task>.
            GrainMethodReturnKind.Task or GrainMethodReturnKind.TaskOfT => (Func<object, object?[]?, Task>)raw,
            GrainMethodReturnKind.ValueTask => AdaptValueTask((Func<object, object?[]?, ValueTask>)raw),
            _ => (Func<object, object?[]?, Task>)Helper(nameof(AdaptValueTaskOfT)).MakeGenericMethod(resultType!).Invoke(null, [raw])!,
        };
    }

    private static MethodInfo Helper(string name) =>
        typeof(GrainMethodBinder).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Func<object, object?[]?, Task> AdaptValueTask(Func<object, object?[]?, ValueTask> raw) =>
        (grain, args) =>
        {
            var result = raw(grain, args);
            return result.IsCompletedSuccessfully ? Task.CompletedTask : result.AsTask();
        };

    private static Func<object, object?[]?, Task> AdaptValueTaskOfT<T>(Func<object, object?[]?, ValueTask<T>> raw) =>
        (grain, args) =>
        {
            var result = raw(grain, args);
            return result.IsCompletedSuccessfully ? Task.FromResult(result.Result) : result.AsTask();
        };

    // Unsafe.As: the runtime only ever passes an instance of a class registered for TI (checked at registration).
    private static Func<object, object?[]?, TR> Bind0<TI, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, TR>>();
        return (g, _) => d(Unsafe.As<TI>(g));
    }

    private static Func<object, object?[]?, TR> Bind1<TI, T1, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!);
    }

    private static Func<object, object?[]?, TR> Bind2<TI, T1, T2, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, T2, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!, (T2)a[1]!);
    }

    private static Func<object, object?[]?, TR> Bind3<TI, T1, T2, T3, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, T2, T3, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!, (T2)a[1]!, (T3)a[2]!);
    }

    private static Func<object, object?[]?, TR> Bind4<TI, T1, T2, T3, T4, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, T2, T3, T4, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!);
    }

    private static Func<object, object?[]?, TR> Bind5<TI, T1, T2, T3, T4, T5, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, T2, T3, T4, T5, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!);
    }

    private static Func<object, object?[]?, TR> Bind6<TI, T1, T2, T3, T4, T5, T6, TR>(MethodInfo m)
        where TI : class
    {
        var d = m.CreateDelegate<Func<TI, T1, T2, T3, T4, T5, T6, TR>>();
        return (g, a) => d(Unsafe.As<TI>(g), (T1)a![0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!);
    }

    // Rare: more parameters than the generic helpers cover. Slower, same semantics (exceptions are not wrapped).
    private static Func<object, object?[]?, TR> BindByReflection<TR>(MethodInfo m) =>
        (g, a) => (TR)m.Invoke(g, BindingFlags.DoNotWrapExceptions, binder: null, a, culture: null)!;
}
