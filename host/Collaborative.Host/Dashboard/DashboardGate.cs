using Collaborative.Host.Access;
using Collaborative.Host.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// Who may see the dashboard, and where: only on the dashboard's own port (and the TLS endpoint), only
/// to a signed-in principal (or, in single-user mode, the local user).
/// </summary>
internal sealed class DashboardGate(ProgrammeAccess access, SignInSessions sessions, IOptions<CollaborativeHostOptions> options)
{
    public const string SessionCookie = "collab_session";
    private const string PrincipalKey = "collaborative.principal";

    public bool SingleUserMode => access.SingleUserMode;

    /// <summary>The HTTP/1.1 dashboard port, or the gRPC port when it is TLS (Http1AndHttp2); never the cleartext gRPC port or socket.</summary>
    public bool IsDashboardEndpoint(HttpContext http)
    {
        var port = http.Connection.LocalPort;
        var o = options.Value;
        return port > 0 && ((o.DashboardPort > 0 && port == o.DashboardPort) || (o.Tls.Enabled && port == o.GrpcPort));
    }

    /// <summary>The reader of this request: the session's principal, or the local user in single-user mode.</summary>
    public AccessPrincipal? Identify(HttpContext http)
    {
        if (http.Items[PrincipalKey] is AccessPrincipal known)
        {
            return known;
        }

        // Authenticated by BearerTokenHandler: the session's principal, or the local user in single-user mode.
        var principal = AccessClaims.From(http.User);
        http.Items[PrincipalKey] = principal;
        return principal;
    }

    /// <summary>Only a path on this site, by ASP.NET Core's own test: never "//elsewhere", "/\\elsewhere", a full
    /// URL, or a path with a control character (browsers drop a tab or line break and go elsewhere).</summary>
    public static string SafeReturn(string? path) => RedirectHttpResult.IsLocalUrl(path) ? path : "/";

    public AccessPrincipal Principal(HttpContext http) => Identify(http) ?? throw new InvalidOperationException("The gate lets no unknown reader through.");

    public async Task<AccessPrincipal?> SignInAsync(HttpContext http, string token)
    {
        var principal = access.FindByToken(token);
        if (principal is null)
        {
            return null;
        }

        await sessions.EndAsync(http.Request.Cookies[SessionCookie]);
        var id = await sessions.StartAsync(principal);
        http.Response.Cookies.Append(SessionCookie, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = sessions.Lifetime,
            IsEssential = true,
        });
        return principal;
    }

    public async Task SignOutAsync(HttpContext http)
    {
        await sessions.EndAsync(http.Request.Cookies[SessionCookie]);
        http.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });
    }
}
