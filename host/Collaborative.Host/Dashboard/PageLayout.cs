using Collaborative.Host.Access;
using static Collaborative.Host.Dashboard.HtmlText;

namespace Collaborative.Host.Dashboard;

/// <summary>The frame every page shares: head, navigation, who is signed in, and the page's main content.</summary>
internal static class PageLayout
{
    public static string Render(string title, string programmeName, AccessPrincipal? reader, string main, string current = "")
    {
        var who = reader switch
        {
            null => "",
            { SingleUser: true } => """<span class="who">Local user (read-only, this machine only)</span>""",
            _ => $"""<span class="who">Signed in as {E(reader.Name)} ({E(reader.RoleWord)}{(reader.Partner is { } p ? ", " + E(p) : "")})</span><form method="post" action="/sign-out" class="sign-out"><button type="submit">Sign out</button></form>""",
        };
        var nav = reader is null ? "" : $"""
            <nav aria-label="Dashboard"><a href="/"{Current(current, "programme")}>Programme</a><a href="/board"{Current(current, "board")}>Board paper</a><a href="/plugins"{Current(current, "plugins")}>Modules</a></nav>
            """;
        return $"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · {E(programmeName)}</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body>
            <header class="masthead"><p class="programme-name">{E(programmeName)}</p>{nav}<div class="session">{who}</div></header>
            <main id="main">
            {main}
            </main>
            </body>
            </html>
            """;
    }

    private static string Current(string current, string page) => current == page ? " aria-current=\"page\"" : "";
}
