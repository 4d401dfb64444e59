using System.Reflection;
using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.References;

/// <summary>
/// A grain reference: a DispatchProxy implementing the grain interface. It remembers the activation it last used, so
/// the hot path skips the directory lookup until that activation is gone. Not sealed: DispatchProxy derives from it.
/// </summary>
internal class GrainProxy : DispatchProxy
{
    private GrainRuntime _runtime = null!;
    private GrainInterfaceInfo _interface = null!;
    private GrainActivation? _activation;

    internal GrainId Id { get; private set; }

    internal static object Create(GrainRuntime runtime, GrainInterfaceInfo grainInterface, GrainId id)
    {
        var proxy = (GrainProxy)Create(grainInterface.InterfaceType, typeof(GrainProxy));
        proxy._runtime = runtime;
        proxy._interface = grainInterface;
        proxy.Id = id;
        return proxy;
    }

    /// <summary>The live activation for this grain, creating one if needed.</summary>
    internal GrainActivation GetActivation()
    {
        var activation = _activation;
        if (activation is null || activation.IsDefunct)
        {
            _activation = activation = _runtime.GetOrCreateActivation(Id, _interface.GrainClass);
        }

        return activation;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var invoker = _interface.GetInvoker(targetMethod!);
        return invoker.ToReturnValue(_runtime.Call(this, _interface, invoker, args));
    }

    public override bool Equals(object? obj) => obj is GrainProxy other && other.Id == Id;

    public override int GetHashCode() => Id.GetHashCode();

    public override string ToString() => $"GrainReference({Id})";
}
