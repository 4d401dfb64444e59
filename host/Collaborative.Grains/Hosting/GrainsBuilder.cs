using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grains;

/// <summary>Registers grain classes and storages; returned by <see cref="GrainServiceCollectionExtensions.AddGrains"/>.</summary>
public sealed class GrainsBuilder
{
    private readonly Hosting.GrainRegistry _registry;

    internal GrainsBuilder(IServiceCollection services, Hosting.GrainRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers <typeparamref name="TGrain"/> as the implementation of <typeparamref name="TGrainInterface"/>.</summary>
    public GrainsBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        _registry.Add(typeof(TGrainInterface), typeof(TGrain));
        return this;
    }

    /// <summary>Registers every concrete <see cref="Grain"/> class in <paramref name="assembly"/> for each grain interface it implements.</summary>
    public GrainsBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || !typeof(Grain).IsAssignableFrom(type))
            {
                continue;
            }

            foreach (var grainInterface in type.GetInterfaces())
            {
                if (grainInterface != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
                {
                    _registry.Add(grainInterface, type);
                }
            }
        }

        return this;
    }
}
