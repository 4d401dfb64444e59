using Collaborative.Host.Access;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Host.Programme;
using Collaborative.Programme.Definition;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// The web dashboard, served only on the dashboard endpoint: Razor components rendered on the server
/// (<c>/</c> portfolio, <c>/programmes/{p}</c> programme, <c>/programmes/{p}/goals/{id}</c> goal,
/// <c>/programmes/{p}/board</c> board paper, <c>/programmes/{p}/team-progress</c>, <c>/programmes/{p}/learning-events</c>,
/// <c>/programmes/{p}/audit</c> (admins), <c>/plugins</c> modules, <c>/sign-in</c>), and beside them
/// <c>/programmes/{p}/goals/{id}/events</c> (live), <c>/sign-out</c>, <c>/assets/*</c> and
/// <c>/_framework/blazor.web.js</c>. The addresses of the days of one programme (<c>/board</c>,
/// <c>/goals/{id}</c>) lead to the default programme's pages. One gate in front of them all decides who may
/// see what, and which programme a page may show.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Razor components, statically rendered on the server: no circuits, no interactivity.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<DashboardGate>();
        services.AddSingleton<DashboardReader>();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<DashboardGate>();
        var reader = app.Services.GetRequiredService<DashboardReader>();
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<DashboardRoute>() is null)
            {
                await next(http);
                return;
            }

            await GuardAsync(gate, reader, http, next);
        });
        // After the gate (which reads the session cookie), before the endpoints: validates every form post.
        app.UseAntiforgery();

        var site = app.MapGroup("").WithMetadata(new DashboardRoute());
        site.MapGet(DashboardAssets.CssPath, () => Results.Text(DashboardAssets.Css, "text/css; charset=utf-8")).WithMetadata(new OpenToAnyoneAttribute());
        site.MapGet(DashboardAssets.ScriptPath, () => Results.Text(DashboardAssets.Script, "text/javascript; charset=utf-8")).WithMetadata(new OpenToAnyoneAttribute());

        // The sign-out form carries an antiforgery token, which UseAntiforgery checks before this runs.
        site.MapPost("/sign-out", async Task<IResult> (HttpContext http) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return Results.BadRequest();
            }

            await gate.SignOutAsync(http);
            return Results.Redirect("/sign-in");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute(), new OpenToAnyoneAttribute());

        site.MapGet(DashboardPaths.EventsRoute, (HttpContext http, string programmeId, string goalId, string? after, IHostApplicationLifetime lifetime) =>
            EventsAsync(gate, reader, http, programmeId, goalId, after, lifetime));

        // Bookmarks from the days of one programme: the default programme's pages (the gate checks the reader there).
        site.MapGet("/goals/{goalId}/events", (HttpContext http, string goalId, string? after, IHostApplicationLifetime lifetime) =>
            EventsAsync(gate, reader, http, null, goalId, after, lifetime));
        site.MapGet("/board", async Task<IResult> (HttpContext http) => Results.Redirect(DashboardPaths.Board(await DefaultProgrammeIdAsync(reader)) + http.Request.QueryString));
        site.MapGet("/goals/{goalId}", async (HttpContext http, string goalId) => Results.Redirect(DashboardPaths.Goal(await DefaultProgrammeIdAsync(reader), goalId) + http.Request.QueryString));

        // blazor.web.js (enhanced navigation and forms), from the static web assets of the build or publish.
        app.MapStaticAssets().WithMetadata(new DashboardRoute(), new OpenToAnyoneAttribute());
        app.MapRazorComponents<App>().WithMetadata(new DashboardRoute());
        return app;
    }

    private static async Task<string> DefaultProgrammeIdAsync(DashboardReader reader) => (await reader.ProgrammeAsync()).Definition.Id;

    private static async Task<IResult> EventsAsync(DashboardGate gate, DashboardReader reader, HttpContext http, string? programmeId, string goalId, string? after, IHostApplicationLifetime lifetime)
    {
        var programme = await reader.ProgrammeAsync(programmeId);
        var progress = await reader.ProgressAsync(programme, goalId);
        if (progress is null)
        {
            return Results.NotFound();
        }

        // The gate checked a programme the address names; the old address names none.
        var principal = gate.Principal(http);
        if (!principal.MayUseProgramme(programme.Definition.Id) || !ProgrammeAccess.CanReadGoal(principal, progress.Value.Source.Goal.CoOwners))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        await LiveProgressStream.StreamAsync(http, programme.Scope, goalId, after, reader, lifetime);
        return Results.Empty;
    }

    /// <summary>
    /// The dashboard's port only; security headers on every response; a reader for every page but the
    /// sign-in page and its assets; and a refused programme explained rather than a bare 500.
    /// </summary>
    private static async Task GuardAsync(DashboardGate gate, DashboardReader reader, HttpContext http, RequestDelegate next)
    {
        if (!gate.IsDashboardEndpoint(http))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        SecurityHeaders(http);
        var open = http.GetEndpoint()?.Metadata.GetMetadata<OpenToAnyoneAttribute>() is not null;
        if (!open && gate.Identify(http) is null)
        {
            if (gate.SingleUserMode)
            {
                await MessageAsync(http, StatusCodes.Status403Forbidden, "Not available here", "This host runs in single-user mode: its dashboard answers only on the machine it runs on. Ask the programme's admin to configure principals to share it.");
            }
            else if (http.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            else
            {
                http.Response.Redirect("/sign-in?return=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }

            return;
        }

        if (!open)
        {
            try
            {
                // Read before any page renders: a page cannot be replaced once Razor has begun it. A programme's page
                // (its id in the address) shows that programme, if there is one and the reader may use it; every other
                // page (the portfolio, the modules) needs the deployment's default programme to be in force.
                var named = http.GetRouteValue(DashboardPaths.ProgrammeRouteValue) as string;
                var shown = (await reader.ProgrammeAsync(named)).Definition.Id;
                if (named is not null && gate.Identify(http) is { } principal && !principal.MayUseProgramme(shown))
                {
                    await MessageAsync(http, StatusCodes.Status403Forbidden, "Not your programme", GrpcAccess.Denied(principal, $"read programme '{shown}'", principal.ProgrammesRule),
                        programmes: await reader.OpenableAsync(principal));
                    return;
                }

                if (http.GetEndpoint()?.Metadata.GetMetadata<AdminOnlyAttribute>() is { } adminOnly && gate.Principal(http) is { Role: not AccessRole.Admin } notAdmin)
                {
                    await MessageAsync(http, StatusCodes.Status403Forbidden, "For admins only", GrpcAccess.Denied(notAdmin, $"{adminOnly.Action} of programme '{shown}'", "only an admin may."),
                        programmes: await reader.OpenableAsync(notAdmin));
                    return;
                }
            }
            catch (ProgrammeNotFoundException ex)
            {
                await MessageAsync(http, StatusCodes.Status404NotFound, "No such programme", $"There is no programme '{ex.ProgrammeId}' here. The portfolio (/) lists the programmes you may use.",
                    programmes: await reader.OpenableAsync(gate.Principal(http)));
                return;
            }
            catch (ProgrammeDefinitionException ex)
            {
                // The programme the host was given is refused: say why, where a 500 would say nothing.
                await MessageAsync(http, StatusCodes.Status503ServiceUnavailable, "The programme was refused", "An admin can replace it with UpdateProgramme.", ex.Message);
                return;
            }
        }

        await next(http);
    }

    private static void SecurityHeaders(HttpContext http)
    {
        // Everything the pages load comes from this host; nothing may frame them.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts.
        http.Response.Headers["Referrer-Policy"] = "same-origin";
    }

    /// <summary>A page of the dashboard's layout saying why it shows nothing here, with the programmes the reader may open instead when given.</summary>
    private static Task MessageAsync(HttpContext http, int status, string heading, string text, string? detail = null, IReadOnlyList<(string ProgrammeId, string Name)>? programmes = null) =>
        new RazorComponentResult<DashboardMessage>(new Dictionary<string, object?>
        {
            [nameof(DashboardMessage.Heading)] = heading,
            [nameof(DashboardMessage.Text)] = text,
            [nameof(DashboardMessage.Detail)] = detail,
            [nameof(DashboardMessage.Programmes)] = programmes,
        })
        { StatusCode = status }.ExecuteAsync(http);
}
