using System.Text.Encodings.Web;
using Collaborative.Host.Dashboard;
using Collaborative.Host.Hosting;
using Collaborative.Plugins;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>
/// The one authentication of the host, for gRPC, the module gateway and the dashboard alike: a bearer
/// token (compared by its SHA-256, <see cref="ProgrammeAccess.FindByToken"/>), a dashboard session cookie
/// (pages only), or, with no principals configured, the local user on loopback or the Unix socket.
/// </summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ProgrammeAccess access, SignInSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Collaborative";

    public const string MalformedHeader = "The authorization metadata must be 'Bearer <token>'.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (access.SingleUserMode)
        {
            // The one local user: who connects decides, and a token means nothing here.
            return access.Identify(Context.Connection.RemoteIpAddress, null) is { } local
                ? Success(local)
                : AuthenticateResult.Fail(access.UnauthenticatedMessage(tokenPresented: false));
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith(PluginProtocol.BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.Fail(MalformedHeader);
            }

            var token = header[PluginProtocol.BearerPrefix.Length..].Trim();
            return token.Length > 0 && access.FindByToken(token) is { } principal
                ? Success(principal)
                : AuthenticateResult.Fail(access.UnauthenticatedMessage(tokenPresented: token.Length > 0));
        }

        // A signed-in dashboard reader; never for gRPC, whose callers send their token on every call.
        if (!GrpcTrailersOnly.IsGrpc(Request) && await sessions.FindAsync(Request.Cookies[DashboardGate.SessionCookie]) is { } reader)
        {
            return Success(reader);
        }

        return AuthenticateResult.Fail(access.UnauthenticatedMessage(tokenPresented: false));
    }

    private AuthenticateResult Success(AccessPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.ToClaimsPrincipal(principal, Scheme.Name), Scheme.Name));
}
