using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>Access control's wiring: principals from Collaborative:Access, checked at start-up; ASP.NET Core authentication and role policies over them.</summary>
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
        // One authentication for gRPC, the module gateway and the dashboard; role policies on the services.
        services.AddAuthentication(BearerTokenHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return services;
    }
}
