using System.Security.Cryptography;
using Collaborative.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>
/// Dashboard sign-ins, held in the cluster's store (<see cref="ISignInSessionGrain"/>): the browser's cookie
/// carries only a random session id, never the token, and any host of the cluster accepts it.
/// </summary>
public sealed class SignInSessions(IOptions<AccessOptions> options, TimeProvider time, IGrainFactory grains)
{
    public TimeSpan Lifetime => options.Value.SessionLifetime;

    /// <summary>A new session for <paramref name="principal"/>; returns its id (256 random bits, URL-safe).</summary>
    public async Task<string> StartAsync(AccessPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        await Session(id).StartAsync(new SignInSession(principal.Name, principal.RoleWord, principal.Partner, time.GetUtcNow() + Lifetime, principal.Programmes.IsDefault ? [] : principal.Programmes));
        return id;
    }

    public async Task<AccessPrincipal?> FindAsync(string? id)
    {
        if (!IsSessionId(id) || await Session(id).FindAsync(time.GetUtcNow()) is not { } session
            || !Enum.TryParse<AccessRole>(session.Role, ignoreCase: true, out var role))
        {
            return null;
        }

        return new AccessPrincipal(session.Principal, role, session.Partner, Programmes: session.Programmes.IsDefault ? [] : session.Programmes);
    }

    public async Task EndAsync(string? id)
    {
        if (IsSessionId(id))
        {
            await Session(id).EndAsync();
        }
    }

    private ISignInSessionGrain Session(string id) => grains.GetGrain<ISignInSessionGrain>(id);

    // Only ids of the shape Start makes reach the store: a cookie of anything else activates no grain.
    private static bool IsSessionId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) =>
        id is { Length: 43 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
