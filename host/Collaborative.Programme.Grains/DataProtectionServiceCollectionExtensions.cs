using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Programme.Grains;

/// <summary>Data Protection for a host of the cluster: one application name and one key ring, in the cluster's store.</summary>
public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>The application name every host shares, so each reads what another protected.</summary>
    public const string ApplicationName = "Collaborative";

    public static IServiceCollection AddClusterDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IGrainFactory>((options, grains) => options.XmlRepository = new DataProtectionKeysRepository(grains));
        return services;
    }
}
