using System.CommandLine;

namespace Collaborative.Host.Cli;

/// <summary>
/// The `collab` command line: serve, status, goal, check, plugins, export, import, programme; and the improvement method:
/// pdsa, annotate, score, team-progress, learning-event, driver-diagram, audit.
/// </summary>
internal static class CollabCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("Collaborative: run a system-wide improvement programme's host, and read its shared goals, alignment and plugins from a terminal or a pipeline. With no arguments, serves.");
        options.AddTo(root);
        root.Subcommands.Add(ServeCommand.Create(options));
        root.Subcommands.Add(StatusCommand.Create(options));
        root.Subcommands.Add(GoalCommand.Create(options));
        root.Subcommands.Add(CheckCommand.Create(options));
        root.Subcommands.Add(PluginsCommand.Create(options));
        root.Subcommands.Add(ExportCommand.Create(options));
        root.Subcommands.Add(ImportCommand.Create(options));
        root.Subcommands.Add(ProgrammeCommand.Create(options));
        root.Subcommands.Add(PdsaCommand.Create(options));
        root.Subcommands.Add(AnnotateCommand.Create(options));
        root.Subcommands.Add(ScoreCommand.Create(options));
        root.Subcommands.Add(TeamProgressCommand.Create(options));
        root.Subcommands.Add(LearningEventCommand.Create(options));
        root.Subcommands.Add(DriverDiagramCommand.Create(options));
        root.Subcommands.Add(AuditCommand.Create(options));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !AsksForHelp(args))
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"collab: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Try 'collab --help' or 'collab <verb> --help'.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }

    private static bool AsksForHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}
