using System.Reflection;
using Collaborative.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grains.Runtime;

/// <summary>A grain class, validated once: its grain type name, reentrancy, and how to construct it through DI.</summary>
internal sealed class GrainClassInfo
{
    private readonly ObjectFactory _factory;
    private readonly StateParameter[] _states;

    private GrainClassInfo(Type classType, string grainType, bool reentrant, ObjectFactory factory, StateParameter[] states)
    {
        ClassType = classType;
        GrainType = grainType;
        Reentrant = reentrant;
        _factory = factory;
        _states = states;
    }

    internal Type ClassType { get; }

    internal string GrainType { get; }

    internal bool Reentrant { get; }

    internal IEnumerable<string> StorageNames => _states.Select(s => s.StorageName).Distinct();

    internal static GrainClassInfo Create(Type classType)
    {
        if (!typeof(Grain).IsAssignableFrom(classType) || classType.IsAbstract || classType.ContainsGenericParameters)
        {
            throw new InvalidOperationException($"{classType.Name} must be a concrete, non-generic class deriving from Grain.");
        }

        var constructors = classType.GetConstructors();
        var constructor = constructors.FirstOrDefault(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute)))
            ?? (constructors.Length == 1 ? constructors[0] : throw new InvalidOperationException(
                $"Grain class {classType.Name} needs exactly one public constructor (or one marked [ActivatorUtilitiesConstructor])."));

        var states = new List<StateParameter>();
        foreach (var parameter in constructor.GetParameters())
        {
            var type = parameter.ParameterType;
            var isState = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IPersistentState<>);
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (isState != (attribute is not null))
            {
                throw new InvalidOperationException(
                    $"Grain class {classType.Name}: constructor parameter '{parameter.Name}' must be IPersistentState<T> marked " +
                    "[PersistentState(\"name\")], or neither.");
            }

            if (attribute is null)
            {
                continue;
            }

            if (states.Any(s => s.ParameterType == type))
            {
                throw new InvalidOperationException(
                    $"Grain class {classType.Name} has two states of type {type.GenericTypeArguments[0].Name}; use distinct message types.");
            }

            var create = typeof(GrainClassInfo).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.GenericTypeArguments[0])
                .CreateDelegate<Func<GrainId, string, IGrainStorage, object>>();
            states.Add(new StateParameter(type, attribute.StateName, attribute.StorageName, create));
        }

        var grainType = classType.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? classType.Name;
        var factory = ActivatorUtilities.CreateFactory(classType, states.Select(s => s.ParameterType).ToArray());
        return new GrainClassInfo(classType, grainType, classType.IsDefined(typeof(ReentrantAttribute), inherit: true), factory, [.. states]);
    }

    /// <summary>Constructs the grain for <paramref name="activation"/>; its states are returned unread.</summary>
    internal (Grain Grain, IPersistentStateLoader[] States) CreateInstance(GrainActivation activation, IServiceProvider services)
    {
        var states = new object[_states.Length];
        for (var i = 0; i < states.Length; i++)
        {
            var parameter = _states[i];
            var storage = services.GetKeyedService<IGrainStorage>(parameter.StorageName) ?? throw new InvalidOperationException(
                $"Grain class {ClassType.Name} uses storage '{parameter.StorageName}', which is not registered.");
            states[i] = parameter.Create(activation.Id, parameter.StateName, storage);
        }

        using (GrainActivation.BeginConstruction(activation))
        {
            try
            {
                return ((Grain)_factory(services, states), states.Cast<IPersistentStateLoader>().ToArray());
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                // Callers must see the constructor's own exception, not reflection's wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }

    private static object CreateState<TState>(GrainId id, string stateName, IGrainStorage storage)
        where TState : Google.Protobuf.IMessage<TState>, new() =>
        new PersistentState<TState>(id, stateName, storage);

    private sealed record StateParameter(Type ParameterType, string StateName, string StorageName, Func<GrainId, string, IGrainStorage, object> Create);
}
