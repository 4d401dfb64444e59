using Collaborative.Grains.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Collaborative.Programme.Grains;

/// <summary>The services the programme's grains need in a silo (Orleans finds the grain classes itself).</summary>
public static class ProgrammeGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddProgrammeGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Defaults.ProgrammeOptions>().Bind(configuration.GetSection(Defaults.ProgrammeOptions.Section));
        services.AddOptions<StorageConflictOptions>().Bind(configuration.GetSection(StorageConflictOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProgrammeDocuments>();
        services.TryAddSingleton<StorageConflicts>();
        return services;
    }
}
