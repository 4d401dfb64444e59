namespace Collaborative.Grains.Abstractions;

/// <summary>
/// One dashboard sign-in, keyed by its session id (256 random bits, the only thing the cookie holds): durable
/// in the cluster's store, so every host accepts a session started on any of them.
/// </summary>
public interface ISignInSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts (or replaces) the session.</summary>
    Task StartAsync(SignInSession session);

    /// <summary>The session, or null when there is none or it expired by <paramref name="now"/> (an expired one is forgotten).</summary>
    Task<SignInSession?> FindAsync(DateTimeOffset now);

    /// <summary>Signs out: the session is forgotten.</summary>
    Task EndAsync();
}
