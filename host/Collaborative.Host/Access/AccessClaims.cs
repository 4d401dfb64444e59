using System.Security.Claims;

namespace Collaborative.Host.Access;

/// <summary>An <see cref="AccessPrincipal"/> as the ASP.NET Core user of a request, and back.</summary>
internal static class AccessClaims
{
    public const string PartnerClaim = "collaborative/partner";
    public const string SingleUserClaim = "collaborative/single-user";
    public const string ProgrammeClaim = "collaborative/programme";

    public static ClaimsPrincipal ToClaimsPrincipal(AccessPrincipal principal, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, principal.Name), new(ClaimTypes.Role, principal.RoleWord) };
        if (principal.Partner is { } partner)
        {
            claims.Add(new Claim(PartnerClaim, partner));
        }

        if (!principal.Programmes.IsDefaultOrEmpty)
        {
            claims.AddRange(principal.Programmes.Select(p => new Claim(ProgrammeClaim, p)));
        }

        if (principal.SingleUser)
        {
            claims.Add(new Claim(SingleUserClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller behind an authenticated user; null when the request was not authenticated.</summary>
    public static AccessPrincipal? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity || user.FindFirst(ClaimTypes.Role) is not { } role
            || !Enum.TryParse<AccessRole>(role.Value, ignoreCase: true, out var accessRole))
        {
            return null;
        }

        return new AccessPrincipal(identity.Name ?? "", accessRole, user.FindFirst(PartnerClaim)?.Value, user.HasClaim(SingleUserClaim, "true"),
            [.. user.FindAll(ProgrammeClaim).Select(c => c.Value)]);
    }
}
