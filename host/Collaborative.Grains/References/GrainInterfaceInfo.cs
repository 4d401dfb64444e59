using System.Collections.Frozen;
using System.Reflection;
using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.References;

/// <summary>A grain interface, validated once, with its invokers and the grain class that implements it.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly FrozenDictionary<MethodInfo, GrainMethodInvoker> _invokers;

    private GrainInterfaceInfo(Type interfaceType, GrainClassInfo grainClass, FrozenDictionary<MethodInfo, GrainMethodInvoker> invokers)
    {
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        _invokers = invokers;
    }

    internal Type InterfaceType { get; }

    internal GrainClassInfo GrainClass { get; }

    internal GrainMethodInvoker GetInvoker(MethodInfo method)
    {
        if (_invokers.TryGetValue(method, out var invoker))
        {
            return invoker;
        }

        // A MethodInfo reflected through a derived interface is a different instance for the same method.
        foreach (var (known, candidate) in _invokers)
        {
            if (known.MethodHandle == method.MethodHandle)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{method.Name} is not a method of grain interface {InterfaceType.Name}.");
    }

    internal static GrainInterfaceInfo Create(Type interfaceType, GrainClassInfo grainClass)
    {
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            throw new InvalidOperationException($"{interfaceType.Name} is not an interface extending IGrainWithStringKey.");
        }

        if (interfaceType.ContainsGenericParameters)
        {
            throw new InvalidOperationException($"Grain interface {interfaceType.Name} is an open generic; register a closed one.");
        }

        var invokers = new Dictionary<MethodInfo, GrainMethodInvoker>();
        foreach (var type in interfaceType.GetInterfaces().Append(interfaceType))
        {
            foreach (var method in type.GetMethods())
            {
                if (method.IsStatic || !method.IsAbstract)
                {
                    continue; // static members and default implementations are not messages
                }

                if (method.IsGenericMethodDefinition)
                {
                    throw new InvalidOperationException($"Grain method {type.Name}.{method.Name} is generic; grain methods cannot be generic.");
                }

                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.ParameterType.IsByRef)
                    {
                        throw new InvalidOperationException(
                            $"Grain method {type.Name}.{method.Name} has ref/out/in parameter '{parameter.Name}'; grain calls pass values only.");
                    }
                }

                invokers[method] = GrainMethodInvoker.Create(method);
            }
        }

        return new GrainInterfaceInfo(interfaceType, grainClass, invokers.ToFrozenDictionary());
    }
}
