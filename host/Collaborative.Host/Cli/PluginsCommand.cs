using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab plugins`: the modules the host supervises and how each is doing.</summary>
internal static class PluginsCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("plugins", "The plugins a running host supervises: state, health, circuit breaker, restarts, last data. Needs a running host.");
        VerbRunner.SetAction(command, options, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context)
    {
        var plugins = await context.Programme.ListPluginsAsync(context.CancellationToken);
        if (plugins is null)
        {
            // Plugins are processes the host runs: with no host, none is running to report on.
            if (context.Output.Json)
            {
                context.Output.WriteJson(new JsonObject { ["host_running"] = false, ["plugins"] = new JsonArray(), ["manifest_errors"] = new JsonArray() });
            }
            else
            {
                context.Output.Console.MarkupLine($"No host is running at {Markup.Escape(context.Settings.Address)}, so no plugins are running. Start one with `collab serve`.");
            }

            return ExitCodes.Ok;
        }

        if (context.Output.Json)
        {
            var json = CliOutput.ProtoNode(plugins);
            json["host_running"] = true;
            context.Output.WriteJson(json);
            return ExitCodes.Ok;
        }

        var console = context.Output.Console;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Plugin")
            .AddColumn("State")
            .AddColumn("Breaker")
            .AddColumn(new TableColumn("Restarts").RightAligned())
            .AddColumn("Last healthy")
            .AddColumn("Last data")
            .AddColumn(new TableColumn("Collected").RightAligned());
        foreach (var plugin in plugins.Plugins)
        {
            var state = plugin.State switch
            {
                "healthy" => "[green]healthy[/]",
                "failed" or "unhealthy" or "unavailable" => $"[red]{plugin.State}[/]",
                "registered" => "[blue]registered[/]",
                _ => $"[yellow]{Markup.Escape(plugin.State)}[/]",
            };
            table.AddRow(
                $"{Markup.Escape(plugin.Id)}\n[dim]{Markup.Escape(plugin.PartnerOrganisation)}{(plugin.Pushes ? ", remote, pushes" : plugin.Remote ? ", remote" : "")}[/]",
                state + (plugin.LastError.Length > 0 ? $"\n[dim]{Markup.Escape(plugin.LastError)}[/]" : ""),
                Markup.Escape(plugin.Breaker),
                plugin.Restarts.ToString(CultureInfo.InvariantCulture),
                When(plugin.LastHealthyAt),
                When(plugin.LastObservationAt),
                plugin.ObservationsCollected.ToString(CultureInfo.InvariantCulture));
        }

        var pushing = plugins.Plugins.Count(p => p.Pushes);
        console.MarkupLine($"{plugins.Plugins.Count - pushing} plugin(s) supervised by the host at {Markup.Escape(context.Settings.Address)}{(pushing > 0 ? $", {pushing} registered module(s) pushing to it" : "")}");
        console.Write(table);
        foreach (var error in plugins.ManifestErrors)
        {
            console.MarkupLine($"[red]manifest refused:[/] {Markup.Escape(error)}");
        }

        return ExitCodes.Ok;
    }

    private static string When(Timestamp? at) =>
        at is null ? "[dim]never[/]" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
