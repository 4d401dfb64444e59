using System.CommandLine;
using Collaborative.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab driver-diagram show|set GOAL`: a goal's theory of change, aim → primary drivers → secondary drivers → change
/// ideas. `show --json` prints the diagram as JSON, which `set --file` reads back, so a diagram is edited as a file.
/// </summary>
internal static class DriverDiagramCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("driver-diagram", "A goal's driver diagram: show it, or replace it from a JSON file (what `show --json` prints).");

        var showGoal = new Argument<string>("goal") { Description = "The shared goal's id, as `collab status` lists it." };
        var show = new Command("show", "The goal's aim, primary drivers, secondary drivers and change ideas (with their measures and owners) as a tree; --json: the diagram alone, as `set --file` reads it.") { showGoal };
        VerbRunner.SetAction(show, options, context => ShowAsync(context, context.Parse.GetValue(showGoal)!));
        command.Subcommands.Add(show);

        var setGoal = new Argument<string>("goal") { Description = "The shared goal's id." };
        var file = new Option<string>("--file") { Description = "The whole new diagram as JSON: {\"primary_drivers\": [{\"id\", \"title\", \"secondary_drivers\": [{\"id\", \"title\", \"change_ideas\": [{\"id\", \"title\", \"measure\", \"owners\": [...]}]}]}]}.", Required = true };
        var set = new Command("set", "Replace the goal's driver diagram (a new programme version, reviewed today, audited). Leaders, admins, and partners for goals they co-own.") { setGoal, file };
        VerbRunner.SetAction(set, options, context => SetAsync(context, context.Parse.GetValue(setGoal)!, context.Parse.GetValue(file)!));
        command.Subcommands.Add(set);
        return command;
    }

    private static async Task<int> ShowAsync(VerbContext context, string goalId)
    {
        var programme = await context.Programme.GetProgrammeAsync(context.CancellationToken);
        var goal = programme.Goals.FirstOrDefault(g => g.Id == goalId)
            ?? throw new CliUsageException($"GOAL '{goalId}' is not a shared goal of programme '{programme.Id}'; its goals: {string.Join(", ", programme.Goals.Select(g => g.Id))}.");
        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(goal.DriverDiagram ?? new DriverDiagramView()));
            return ExitCodes.Ok;
        }

        var console = context.Output.Console;
        if (goal.DriverDiagram is not { } diagram)
        {
            console.MarkupLine($"Goal [bold]{Markup.Escape(goal.Id)}[/] has no driver diagram yet: write one as JSON and `collab driver-diagram set {Markup.Escape(goal.Id)} --file FILE.json`.");
            return ExitCodes.Ok;
        }

        var tree = new Tree($"[bold]{Markup.Escape(goal.Title)}[/] [dim](aim: {Markup.Escape(goal.AimWhat)} {Markup.Escape(goal.AimHowMuch)})[/]");
        foreach (var primary in diagram.PrimaryDrivers)
        {
            var primaryNode = tree.AddNode($"[bold]{Markup.Escape(primary.Title)}[/] [dim]primary driver {Markup.Escape(primary.Id)}[/]");
            foreach (var secondary in primary.SecondaryDrivers)
            {
                var secondaryNode = primaryNode.AddNode($"{Markup.Escape(secondary.Title)} [dim]secondary driver {Markup.Escape(secondary.Id)}[/]");
                foreach (var idea in secondary.ChangeIdeas)
                {
                    var details = string.Join("; ", new[] { idea.Measure.Length > 0 ? $"measure {idea.Measure}" : "", idea.Owners.Count > 0 ? $"owners {string.Join(", ", idea.Owners)}" : "" }.Where(d => d.Length > 0));
                    secondaryNode.AddNode($"{Markup.Escape(idea.Title)} [dim]change idea {Markup.Escape(idea.Id)}{(details.Length > 0 ? "; " + Markup.Escape(details) : "")}[/]");
                }
            }
        }

        console.Write(tree);
        console.MarkupLine(diagram.Reviewed.Length > 0 ? $"[dim]Reviewed {Markup.Escape(diagram.Reviewed)}.[/]" : "[dim]Never reviewed.[/]");
        return ExitCodes.Ok;
    }

    private static async Task<int> SetAsync(VerbContext context, string goalId, string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"--file {path}: no such file.");
        }

        DriverDiagramView diagram;
        try
        {
            diagram = JsonParser.Default.Parse<DriverDiagramView>(await File.ReadAllTextAsync(path, context.CancellationToken));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliUsageException($"--file {path}: not a driver diagram: {ex.Message}");
        }

        UpdateDriverDiagramResponse updated;
        try
        {
            updated = await context.Programme.UpdateDriverDiagramAsync(goalId, diagram, context.CancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            // The host names the diagram's fields as the request's ("diagram.primary_drivers[0].title"); the file is the diagram.
            throw new CliUsageException($"--file {path}: {ex.Status.Detail.Replace("diagram.", "", StringComparison.Ordinal)}");
        }

        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(updated));
            return ExitCodes.Ok;
        }

        var ideas = updated.Diagram.PrimaryDrivers.SelectMany(p => p.SecondaryDrivers).Sum(s => s.ChangeIdeas.Count);
        context.Output.Console.MarkupLine($"Driver diagram of goal [bold]{Markup.Escape(goalId)}[/] replaced: programme version {updated.Version}, reviewed {Markup.Escape(updated.Diagram.Reviewed)}.");
        context.Output.Console.MarkupLine($"{updated.Diagram.PrimaryDrivers.Count} primary driver(s), {ideas} change idea(s).");
        return ExitCodes.Ok;
    }
}
