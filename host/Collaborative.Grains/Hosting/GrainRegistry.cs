using System.Collections.Frozen;
using Collaborative.Grains.References;
using Collaborative.Grains.Runtime;

namespace Collaborative.Grains.Hosting;

/// <summary>The grain interfaces and classes registered through <see cref="GrainsBuilder"/>.</summary>
internal sealed class GrainRegistry
{
    private readonly Dictionary<Type, Type> _classByInterface = [];

    internal void Add(Type interfaceType, Type classType)
    {
        if (_classByInterface.TryGetValue(interfaceType, out var existing) && existing != classType)
        {
            throw new InvalidOperationException(
                $"Grain interface {interfaceType.Name} is implemented by both {existing.Name} and {classType.Name}; register one.");
        }

        _classByInterface[interfaceType] = classType;
    }

    /// <summary>Validates every registration (interfaces, methods, constructors) so mistakes surface at start-up.</summary>
    internal FrozenDictionary<Type, GrainInterfaceInfo> Build()
    {
        var classes = new Dictionary<Type, GrainClassInfo>();
        var interfaces = new Dictionary<Type, GrainInterfaceInfo>();
        foreach (var (interfaceType, classType) in _classByInterface)
        {
            if (!classes.TryGetValue(classType, out var classInfo))
            {
                classes[classType] = classInfo = GrainClassInfo.Create(classType);
            }

            interfaces[interfaceType] = GrainInterfaceInfo.Create(interfaceType, classInfo);
        }

        var duplicate = classes.Values.GroupBy(c => c.GrainType).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Grain classes {string.Join(" and ", duplicate.Select(c => c.ClassType.FullName))} share grain type '{duplicate.Key}'; " +
                "give one a [GrainType(\"...\")].");
        }

        return interfaces.ToFrozenDictionary();
    }
}
