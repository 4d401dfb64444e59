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
/// each time the goal's progress or its PDSA cycles change, the page's progress section (<see cref="ProgressSection"/>,
/// with the goal's cycles) is sent re-rendered by the same component the page was rendered with.
/// </summary>
internal static class LiveProgressStream
{
    /// <summary>The event type the page listens for (dashboard.js).</summary>
    public const string ProgressEvent = "progress";

    // A comment line this often finds a closed tab (the write fails) and keeps proxies from timing out.
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>What the page was rendered from: a change of either part means there is something new to show.</summary>
    public static string Version(Contract.GoalProgress progress, GoalCycles cycles) =>
        $"{progress.ObservationSequence.ToString(CultureInfo.InvariantCulture)}.{cycles.Version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where a goal page listens, given the progress and cycles it was rendered from (its <c>data-live</c>).</summary>
    public static string Path(string programmeId, string goalId, Contract.GoalProgress progress, GoalCycles cycles) =>
        $"{DashboardPaths.Events(programmeId, goalId)}?after={Uri.EscapeDataString(Version(progress, cycles))}";

    public static async Task StreamAsync(HttpContext http, ProgrammeScope programme, string goalId, string? after, DashboardReader reader, IHostApplicationLifetime lifetime)
    {
        var first = await ReadAsync(reader, programme, goalId);
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

        // The page may have been rendered before an observation (or a PDSA cycle) the watcher was too late to hear of.
        var (sequence, version, method) = (first.Source.ObservationSequence, first.Source.ProgrammeVersion, first.Cycles.Version);
        await WriteAsync(http, "retry: 2000\n\n", stop.Token);
        if (after != Version(first.View, first.Cycles))
        {
            await SendAsync(http, renderer, first, stop.Token);
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(s_heartbeat);
                Live? next;
                try
                {
                    next = await watcher.ReadAfterNextChangeAsync(() => ReadAsync(reader, programme, goalId), wait.Token);
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

                if (next.Source.ObservationSequence != sequence || next.Source.ProgrammeVersion != version || next.Cycles.Version != method)
                {
                    (sequence, version, method) = (next.Source.ObservationSequence, next.Source.ProgrammeVersion, next.Cycles.Version);
                    await SendAsync(http, renderer, next, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader left, or the host is stopping.
        }
    }

    /// <summary>What the live section shows: the goal's progress and its PDSA cycles, read from the programme as it is now.</summary>
    private sealed record Live(SharedGoalProgress Source, Contract.GoalProgress View, GoalCycles Cycles);

    private static async Task<Live?> ReadAsync(DashboardReader reader, ProgrammeScope scope, string goalId)
    {
        var programme = await reader.ProgrammeAsync(scope);
        var progress = await reader.ProgressAsync(programme, goalId);
        return progress is { } p && await reader.CyclesAsync(programme, goalId) is { } cycles ? new Live(p.Source, p.View, cycles) : null;
    }

    private static async Task SendAsync(HttpContext http, HtmlRenderer renderer, Live live, CancellationToken cancellationToken)
    {
        // The fragment holds programme text (a measure's unit, a goal's title), and a browser ends an SSE line
        // at CR, LF or CRLF: sent as a JSON string it has no line break left to end a field early. The event
        // type and id are ours alone (SseItem refuses a line break in either).
        var item = new SseItem<string>(await RenderAsync(renderer, live), ProgressEvent) { EventId = Version(live.View, live.Cycles) };
        await SseFormatter.WriteAsync(new[] { item }.ToAsyncEnumerable(), http.Response.Body, WriteJson, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The section as HTML, encoded by Razor like the page it replaces.</summary>
    private static Task<string> RenderAsync(HtmlRenderer renderer, Live live) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ProgressSection.Progress)] = live.View,
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
