using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>Access control's wiring: principals from Collaborative:Access, checked at start-up.</summary>
public static class AccessExtensions
{
    public static IServiceCollection AddProgrammeAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<ProgrammeAccess>();
        services.AddSingleton<SignInSessions>();
        return services;
    }
}
