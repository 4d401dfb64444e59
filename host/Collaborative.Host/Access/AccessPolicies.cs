using Microsoft.AspNetCore.Authorization;

namespace Collaborative.Host.Access;

/// <summary>The host's authorization policies, named on the services they guard (<c>[Authorize(Policy = …)]</c>).</summary>
public static class AccessPolicies
{
    /// <summary>Any principal the host knows (every role reads the programme).</summary>
    public const string Principal = "principal";

    /// <summary>Changes the programme definition.</summary>
    public const string Admin = "admin";

    /// <summary>Reads the audit of the improvement method's writes.</summary>
    public const string Auditor = "auditor";

    /// <summary>Registers the modules a partner runs.</summary>
    public const string Partner = "partner";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Principal, policy => policy.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement("update the programme", "only an admin may.", AccessRole.Admin)));
        options.AddPolicy(Auditor, policy => policy.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement("read the audit of the improvement method", "only an admin reads who recorded what.", AccessRole.Admin)));
        options.AddPolicy(Partner, policy => policy.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement("register a module",
                "only a partner registers the modules it runs (and reports their observations); ask the programme's admin for a partner token.", AccessRole.Partner)));
    }
}
