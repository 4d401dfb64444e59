using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>
/// Dashboard sign-ins, held on the server: the browser's cookie carries only a random session id, never
/// the token. A restart forgets every session (readers sign in again), which is the safe direction.
/// </summary>
public sealed class SignInSessions(IOptions<AccessOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (AccessPrincipal Principal, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => options.Value.SessionLifetime;

    /// <summary>A new session for <paramref name="principal"/>; returns its id (256 random bits, URL-safe).</summary>
    public string Start(AccessPrincipal principal)
    {
        RemoveExpired();
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = (principal, time.GetUtcNow() + Lifetime);
        return id;
    }

    public AccessPrincipal? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Expires <= time.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return session.Principal;
    }

    public void End(string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.Expires <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
