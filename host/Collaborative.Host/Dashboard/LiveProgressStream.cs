using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Host.Dashboard.Method;
using Collaborative.Host.Programme;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.Features;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// A goal page's live updates as server-sent events, fed by the same change signals as gRPC WatchProgress:
/// each time the goal's progress or the programme's method records change, the page's progress section
/// (<see cref="ProgressSection"/>, chart markers, their list and the goal's PDSA cycles included) is sent re-rendered by the same
/// component the page was rendered with.
/// </summary>
internal static class LiveProgressStream
{
    /// <summary>The event type the page listens for (dashboard.js).</summary>
    public const string ProgressEvent = "progress";

    // A comment line this often finds a closed tab (the write fails) and keeps proxies from timing out.
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>What the page was rendered from, "observations.method": a change of either part means there is something new to show.</summary>
    public static string Version(GoalLive live) =>
        $"{live.View.ObservationSequence.ToString(CultureInfo.InvariantCulture)}.{live.MethodVersion.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where a goal page listens, given what it was rendered from (its <c>data-live</c>).</summary>
    public static string Path(string programmeId, string goalId, GoalLive live) =>
        $"{DashboardPaths.Events(programmeId, goalId)}?after={Uri.EscapeDataString(Version(live))}";

    public static async Task StreamAsync(HttpContext http, ProgrammeScope programme, string goalId, string? after, DashboardReader reader, IHostApplicationLifetime lifetime)
    {
        var first = await reader.LiveAsync(programme, goalId);
        if (first is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        await using var watcher = await reader.WatchAsync(programme, first.Source.Measure.Id);

        // The page may have been rendered before an observation or a record the watcher was too late to hear of.
        var shown = Shown(first);
        await WriteAsync(http, "retry: 2000\n\n", stop.Token);
        if (after != Version(first))
        {
            await SendAsync(http, renderer, first, stop.Token);
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(s_heartbeat);
                GoalLive? next;
                try
                {
                    next = await watcher.ReadAfterNextChangeAsync(() => reader.LiveAsync(programme, goalId), wait.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await WriteAsync(http, ": still here\n\n", stop.Token);
                    continue;
                }

                if (next is null)
                {
                    return;
                }

                if (Shown(next) != shown)
                {
                    shown = Shown(next);
                    await SendAsync(http, renderer, next, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader left, or the host is stopping.
        }
    }

    /// <summary>The versions a section was rendered from: observations, definition, method records.</summary>
    private static (long, long, long) Shown(GoalLive live) => (live.Source.ObservationSequence, live.Source.ProgrammeVersion, live.MethodVersion);

    private static async Task SendAsync(HttpContext http, HtmlRenderer renderer, GoalLive live, CancellationToken cancellationToken)
    {
        // The fragment holds programme text (a measure's unit, a goal's title), and a browser ends an SSE line
        // at CR, LF or CRLF: sent as a JSON string it has no line break left to end a field early. The event
        // type and id are ours alone (SseItem refuses a line break in either).
        var item = new SseItem<string>(await RenderAsync(renderer, live), ProgressEvent) { EventId = Version(live) };
        await SseFormatter.WriteAsync(new[] { item }.ToAsyncEnumerable(), http.Response.Body, WriteJson, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The section as HTML, encoded by Razor like the page it replaces.</summary>
    private static Task<string> RenderAsync(HtmlRenderer renderer, GoalLive live) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ProgressSection.Progress)] = live.View,
                [nameof(ProgressSection.Markers)] = live.Markers,
                [nameof(ProgressSection.Cycles)] = live.Cycles,
            });
            return (await renderer.RenderComponentAsync<ProgressSection>(parameters)).ToHtmlString();
        });

    private static void WriteJson(SseItem<string> item, IBufferWriter<byte> buffer)
    {
        using var json = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(json, item.Data);
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync(text, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
