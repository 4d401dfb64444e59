using static Collaborative.Host.Dashboard.HtmlText;

namespace Collaborative.Host.Dashboard;

/// <summary>The sign-in form: the reader pastes the token the programme's admin gave them.</summary>
internal static class SignInPage
{
    public static string Render(string returnPath, string? error) => $"""
        <h1>Sign in</h1>
        {(error is null ? "" : $"""<p class="error" role="alert">{E(error)}</p>""")}
        <form method="post" action="/sign-in" class="sign-in">
        <input type="hidden" name="return" value="{E(returnPath)}">
        <label for="token">Your access token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        </form>
        <p class="hint">The host keeps only a hash of your token; it stays signed in for this browser until you sign out or the host restarts.</p>
        """;
}
