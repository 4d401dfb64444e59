using Collaborative.Host.Access;
using Collaborative.Host.Programme;
using Collaborative.Programme.Definition;
using Microsoft.AspNetCore.Http.HttpResults;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// The web dashboard's routes, served only on the dashboard endpoint:
/// <c>/</c> programme, <c>/goals/{id}</c> goal (+ <c>/events</c> live), <c>/plugins</c> modules,
/// <c>/board</c> board paper, <c>/sign-in</c>, <c>/sign-out</c>, <c>/assets/*</c>.
/// </summary>
public static class DashboardEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var gate = ActivatorUtilities.CreateInstance<DashboardGate>(app.Services);
        var reader = ActivatorUtilities.CreateInstance<DashboardReader>(app.Services);

        var site = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!gate.IsDashboardEndpoint(http))
            {
                return Results.NotFound();
            }

            // Everything the pages load comes from this host; nothing may frame them.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, which the sign-in check refuses.
            http.Response.Headers["Referrer-Policy"] = "same-origin";
            return await next(context);
        });

        site.MapGet("/assets/dashboard.css", () => Results.Text(DashboardAssets.Css, "text/css; charset=utf-8"));
        site.MapGet("/assets/dashboard.js", () => Results.Text(DashboardAssets.Script, "text/javascript; charset=utf-8"));

        site.MapGet("/sign-in", async (HttpContext http, string? @return) =>
            await PageAsync(reader, "Sign in", null, SignInPage.Render(SafeReturn(@return), null)));
        site.MapPost("/sign-in", async Task<IResult> (HttpContext http) =>
        {
            if (!SameOrigin(http))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var back = SafeReturn(form["return"]);
            if (gate.SingleUserMode)
            {
                return Results.Redirect(back);
            }

            var principal = await gate.SignInAsync(http, form["token"].ToString());
            return principal is null
                ? await PageAsync(reader, "Sign in", null, SignInPage.Render(back, "That token is not recognised. Check it with the programme's admin."), StatusCodes.Status401Unauthorized)
                : Results.Redirect(back);
        });
        site.MapPost("/sign-out", async (HttpContext http) =>
        {
            if (!SameOrigin(http))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            await gate.SignOutAsync(http);
            return Results.Redirect("/sign-in");
        });

        var pages = site.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (gate.Identify(http) is { } principal)
            {
                try
                {
                    // The pages show the default programme: a principal limited to others may not read it.
                    if (!principal.Programmes.IsDefaultOrEmpty && (await reader.ProgrammeAsync()).Definition.Id is var shown && !principal.MayUseProgramme(shown))
                    {
                        return await PageAsync(reader, "Not your programme", principal, $"<h1>Not your programme</h1><p>{E(GrpcAccess.Denied(principal, $"read programme '{shown}'", principal.ProgrammesRule))}</p>", StatusCodes.Status403Forbidden);
                    }

                    return await next(context);
                }
                catch (ProgrammeDefinitionException ex)
                {
                    // The programme the host was given is refused: say why, where a 500 would say nothing.
                    return await PageAsync(reader, "Programme refused", null, $"<h1>The programme was refused</h1><p>An admin can replace it with UpdateProgramme.</p><pre class=\"refusal\">{E(ex.Message)}</pre>", StatusCodes.Status503ServiceUnavailable);
                }
            }

            if (gate.SingleUserMode)
            {
                return await PageAsync(reader, "Not available", null, "<h1>Not available here</h1><p>This host runs in single-user mode: its dashboard answers only on the machine it runs on. Ask the programme's admin to configure principals to share it.</p>", StatusCodes.Status403Forbidden);
            }

            return http.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true
                ? Results.StatusCode(StatusCodes.Status401Unauthorized)
                : Results.Redirect("/sign-in?return=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        });

        pages.MapGet("/", async Task<IResult> (HttpContext http) =>
        {
            var principal = gate.Principal(http);
            var programme = ContractMapping.ToView(await reader.ProgrammeAsync());
            var progress = await ReadableProgressAsync(reader, programme, principal);
            var alignment = await reader.AlignmentAsync(http.RequestAborted);
            return await PageAsync(reader, "Programme", principal, ProgrammePage.Render(programme, progress, alignment, principal), current: "programme");
        });

        pages.MapGet("/board", async Task<IResult> (HttpContext http) =>
        {
            var principal = gate.Principal(http);
            var programme = ContractMapping.ToView(await reader.ProgrammeAsync());
            var progress = await ReadableProgressAsync(reader, programme, principal);
            return await PageAsync(reader, "Board paper", principal, BoardPaperPage.Render(programme, progress), current: "board");
        });

        pages.MapGet("/goals/{goalId}", async (HttpContext http, string goalId) =>
        {
            var principal = gate.Principal(http);
            var programme = ContractMapping.ToView(await reader.ProgrammeAsync());
            var goal = programme.Goals.FirstOrDefault(g => g.Id == goalId);
            var progress = goal is null ? null : await reader.ProgressAsync(goalId);
            if (goal is null || progress is null)
            {
                return await PageAsync(reader, "No such goal", principal, $"<h1>No such goal</h1><p>The programme has no goal '{E(goalId)}'. <a href=\"/\">All goals</a></p>", StatusCodes.Status404NotFound);
            }

            if (!ProgrammeAccess.CanReadGoal(principal, goal.CoOwners))
            {
                return await PageAsync(reader, "Not yours to see", principal, $"<h1>Not yours to see</h1><p>As a partner, {E(principal.Partner)} sees the goals it co-owns; '{E(goal.Title)}' is not one of them. <a href=\"/\">Your goals</a></p>", StatusCodes.Status403Forbidden);
            }

            var measure = programme.Measures.FirstOrDefault(m => m.Id == goal.MeasureId);
            var alignment = await reader.AlignmentAsync(http.RequestAborted);
            var findings = alignment.Findings.Where(f =>
                (f.SubjectKind == "goal" && f.SubjectId == goal.Id)
                || (f.SubjectKind == "measure" && f.SubjectId == goal.MeasureId)
                || (f.SubjectKind == "module" && measure is not null && measure.Module.Length > 0 && f.SubjectId == measure.Module)).ToList();
            return await PageAsync(reader, goal.Title, principal, GoalPage.Render(programme, goal, progress.Value.View, await reader.PluginsAsync(), findings));
        });

        pages.MapGet("/goals/{goalId}/events", async (HttpContext http, string goalId, string? after, ProgrammeOffice office, IHostApplicationLifetime lifetime) =>
        {
            var principal = gate.Principal(http);
            var progress = await reader.ProgressAsync(goalId);
            if (progress is null)
            {
                return Results.NotFound();
            }

            if (!ProgrammeAccess.CanReadGoal(principal, progress.Value.Source.Goal.CoOwners))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            await LiveProgressStream.StreamAsync(http, goalId, after, reader, office, lifetime);
            return Results.Empty;
        });

        // Explicit return type: a lambda of HttpContext alone would bind as a RequestDelegate and drop the result.
        pages.MapGet("/plugins", async Task<IResult> (HttpContext http) =>
            await PageAsync(reader, "Modules", gate.Principal(http), PluginsPage.Render(await reader.PluginsAsync(), reader.ManifestErrors), current: "plugins"));

        return app;
    }

    private static async Task<IReadOnlyList<Contract.GoalProgress>> ReadableProgressAsync(DashboardReader reader, Contract.ProgrammeView programme, AccessPrincipal principal)
    {
        var progress = new List<Contract.GoalProgress>();
        foreach (var goal in programme.Goals.Where(g => ProgrammeAccess.CanReadGoal(principal, g.CoOwners)))
        {
            if (await reader.ProgressAsync(goal.Id) is { } p)
            {
                progress.Add(p.View);
            }
        }

        return progress;
    }

    private static async Task<IResult> PageAsync(DashboardReader reader, string title, AccessPrincipal? principal, string main, int status = StatusCodes.Status200OK, string current = "")
    {
        // Before sign-in the page names only the product, not the programme.
        var name = principal is null ? "Collaborative" : (await reader.ProgrammeAsync()).Definition.Name;
        return Results.Content(PageLayout.Render(title, name, principal, main, current), Html, statusCode: status);
    }

    /// <summary>Only a path on this site, by ASP.NET Core's own test: never "//elsewhere", "/\\elsewhere", a full
    /// URL, or a path with a control character (browsers drop a tab or line break and go elsewhere).</summary>
    private static string SafeReturn(string? path) => RedirectHttpResult.IsLocalUrl(path) ? path : "/";

    /// <summary>Form posts come from our own pages: a cross-site Origin is refused (the session cookie is SameSite=Strict too).</summary>
    private static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
