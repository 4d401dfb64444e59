using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Host.Programme;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.Features;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// A goal page's live updates as server-sent events, fed by the same change signals as gRPC WatchProgress:
/// each time the goal's progress changes, the page's progress section (<see cref="ProgressSection"/>) is sent
/// re-rendered by the same component the page was rendered with.
/// </summary>
internal static class LiveProgressStream
{
    /// <summary>The event type the page listens for (dashboard.js).</summary>
    public const string ProgressEvent = "progress";

    // A comment line this often finds a closed tab (the write fails) and keeps proxies from timing out.
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>What the page was rendered from: a change of either part means there is something new to show.</summary>
    public static string Version(Contract.GoalProgress progress) => $"{progress.ObservationSequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where a goal page listens, given the progress it was rendered from (its <c>data-live</c>).</summary>
    public static string Path(string programmeId, string goalId, Contract.GoalProgress progress) =>
        $"{DashboardPaths.Events(programmeId, goalId)}?after={Uri.EscapeDataString(Version(progress))}";

    public static async Task StreamAsync(HttpContext http, ProgrammeScope programme, string goalId, string? after, DashboardReader reader, IHostApplicationLifetime lifetime)
    {
        var first = await reader.ProgressAsync(programme, goalId);
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
        await using var watcher = await reader.WatchAsync(programme, first.Value.Source.Measure.Id);

        // The page may have been rendered before an observation the watcher was too late to hear of.
        var (sequence, version) = (first.Value.Source.ObservationSequence, first.Value.Source.ProgrammeVersion);
        await WriteAsync(http, "retry: 2000\n\n", stop.Token);
        if (after != Version(first.Value.View))
        {
            await SendAsync(http, renderer, first.Value.View, stop.Token);
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(s_heartbeat);
                (SharedGoalProgress Source, Contract.GoalProgress View)? next;
                try
                {
                    next = await watcher.ReadAfterNextChangeAsync(() => reader.ProgressAsync(programme, goalId), wait.Token);
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

                if (next.Value.Source.ObservationSequence != sequence || next.Value.Source.ProgrammeVersion != version)
                {
                    (sequence, version) = (next.Value.Source.ObservationSequence, next.Value.Source.ProgrammeVersion);
                    await SendAsync(http, renderer, next.Value.View, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader left, or the host is stopping.
        }
    }

    private static async Task SendAsync(HttpContext http, HtmlRenderer renderer, Contract.GoalProgress progress, CancellationToken cancellationToken)
    {
        // The fragment holds programme text (a measure's unit, a goal's title), and a browser ends an SSE line
        // at CR, LF or CRLF: sent as a JSON string it has no line break left to end a field early. The event
        // type and id are ours alone (SseItem refuses a line break in either).
        var item = new SseItem<string>(await RenderAsync(renderer, progress), ProgressEvent) { EventId = Version(progress) };
        await SseFormatter.WriteAsync(new[] { item }.ToAsyncEnumerable(), http.Response.Body, WriteJson, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The section as HTML, encoded by Razor like the page it replaces.</summary>
    private static Task<string> RenderAsync(HtmlRenderer renderer, Contract.GoalProgress progress) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ProgressSection.Progress)] = progress });
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
