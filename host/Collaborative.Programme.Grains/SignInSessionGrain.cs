using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Programme.Grains;

/// <summary>One dashboard sign-in, written durably before the cookie is set. Calls no grain.</summary>
internal sealed class SignInSessionGrain(
    [PersistentState("session")] IPersistentState<SignInSessionState> state) : Grain, ISignInSessionGrain
{
    public async Task StartAsync(SignInSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        state.State = new SignInSessionState
        {
            Principal = session.Principal,
            Role = session.Role,
            Partner = session.Partner ?? "",
            Expires = Timestamp.FromDateTimeOffset(session.Expires),
            Programmes = { session.Programmes.IsDefault ? [] : session.Programmes },
        };
        await state.WriteStateAsync();
    }

    public async Task<SignInSession?> FindAsync(DateTimeOffset now)
    {
        if (!state.RecordExists || state.State.Expires is null)
        {
            return null;
        }

        var expires = state.State.Expires.ToDateTimeOffset();
        if (expires <= now)
        {
            await EndAsync();
            return null;
        }

        var s = state.State;
        return new SignInSession(s.Principal, s.Role, s.Partner.Length > 0 ? s.Partner : null, expires, s.Programmes.Count > 0 ? [.. s.Programmes] : default);
    }

    public async Task EndAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
