using System.CommandLine;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab programme list|create|update`: the deployment's programmes, and an admin's way to add or replace one
/// from its YAML file. The file is checked here first, so a bad one is refused as FILE:LINE:COLUMN lines (exit 2)
/// without a round trip; the host checks it again and refuses a taken id or an unknown programme by name.
/// </summary>
internal static class ProgrammeCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("programme", "The deployment's programmes: list them, create one, or replace one (admin) from a YAML file.");
        var list = new Command("list", "Every programme you may read: id, name, version, goals, partners; the default programme (what no --programme means) is marked.");
        VerbRunner.SetAction(list, options, ListAsync);
        command.Subcommands.Add(list);

        var createFile = new Argument<string>("file") { Description = "The programme's YAML definition; its id names the new programme." };
        var create = new Command("create", "Create a programme from FILE.yaml (admin). Refused when the file is bad (each error as FILE:LINE:COLUMN, exit 2) or its id is taken.") { createFile };
        VerbRunner.SetAction(create, options, context => CreateAsync(context, context.Parse.GetValue(createFile)!));
        command.Subcommands.Add(create);

        var updateFile = new Argument<string>("file") { Description = "The programme's whole new YAML definition; its id must be the programme's." };
        var update = new Command("update", "Replace a programme's definition with FILE.yaml (admin): the one --programme names, else the default. Refused whole, keeping the old definition.") { updateFile };
        VerbRunner.SetAction(update, options, context => UpdateAsync(context, context.Parse.GetValue(updateFile)!));
        command.Subcommands.Add(update);
        return command;
    }

    private static async Task<int> ListAsync(VerbContext context)
    {
        var programmes = await context.Programme.ListProgrammesAsync(context.CancellationToken);
        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(programmes));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Programme")
            .AddColumn(new TableColumn("Version").RightAligned())
            .AddColumn(new TableColumn("Goals").RightAligned())
            .AddColumn("Partners");
        foreach (var programme in programmes.Programmes)
        {
            var title = $"[bold]{Markup.Escape(programme.Id)}[/]{(programme.IsDefault ? " [dim](default)[/]" : "")}\n" +
                (programme.Refusal.Length > 0 ? $"[red]refused: {Markup.Escape(programme.Refusal)}[/]" : Markup.Escape(programme.Name));
            table.AddRow(title, programme.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                programme.GoalCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", programme.Partners)));
        }

        context.Output.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> CreateAsync(VerbContext context, string path)
    {
        var (yaml, definition) = await ReadAsync(path, context.CancellationToken);
        var created = await context.Programme.CreateProgrammeAsync(yaml, Path.GetFileName(path), context.CancellationToken);
        Report(context, "created", created.ProgrammeId, created.Version, definition);
        return ExitCodes.Ok;
    }

    private static async Task<int> UpdateAsync(VerbContext context, string path)
    {
        var (yaml, definition) = await ReadAsync(path, context.CancellationToken);
        var updated = await context.Programme.UpdateProgrammeAsync(yaml, Path.GetFileName(path), context.CancellationToken);
        Report(context, "updated", definition.Id, updated.Version, definition);
        return ExitCodes.Ok;
    }

    /// <summary>The file and its definition; a bad file is the loader's <see cref="ProgrammeDefinitionException"/>, which <see cref="VerbRunner"/> prints and answers with exit 2.</summary>
    private static async Task<(string Yaml, ProgrammeDefinition Definition)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{path}: no such file.");
        }

        var yaml = await File.ReadAllTextAsync(path, cancellationToken);
        return (yaml, YamlProgrammeLoader.Load(yaml, path));
    }

    private static void Report(VerbContext context, string what, string programmeId, long version, ProgrammeDefinition definition)
    {
        if (context.Output.Json)
        {
            context.Output.WriteJson(new JsonObject { [what] = true, ["programme_id"] = programmeId, ["version"] = version });
            return;
        }

        context.Output.Console.MarkupLine($"Programme [bold]{Markup.Escape(programmeId)}[/] {what}: version {version}, {definition.Goals.Length} shared goal(s), {definition.Partners.Length} partner(s).");
    }
}
