using System.CommandLine;
using System.Globalization;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab team-progress [--month YYYY-MM]`: where every goal team stands on the IHI Assessment Scale, and how it moved.</summary>
internal static class TeamProgressCommand
{
    public static Command Create(GlobalOptions options)
    {
        var month = MethodVerbs.Text("--month", "The month (YYYY-MM). Default: the latest month any team was scored in.");
        var command = new Command("team-progress", "Every goal team's progress score for a month (IHI Assessment Scale for Collaboratives), its level, its score before and how it moved.")
        {
            month,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(context, MethodVerbs.Month(context.Parse.GetValue(month), "--month")));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string month)
    {
        var progress = await context.Programme.GetTeamProgressAsync(month, context.CancellationToken);
        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(progress));
            return ExitCodes.Ok;
        }

        var console = context.Output.Console;
        console.MarkupLine($"Team progress, [bold]{Markup.Escape(progress.Month)}[/] (IHI Assessment Scale for Collaboratives, 1.0 to 5.0)");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Goal").AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Level").AddColumn("Before").AddColumn("Movement");
        foreach (var standing in progress.Standings)
        {
            table.AddRow(
                $"{Markup.Escape(standing.GoalTitle)}\n[dim]{Markup.Escape(standing.GoalId)}[/]",
                standing.Current is { } current ? Score(current.Score) : "[dim]none[/]",
                Markup.Escape(standing.Current?.Level ?? ""),
                standing.Previous is { } previous ? $"{Score(previous.Score)} [dim]({Markup.Escape(previous.Month)})[/]" : "",
                Markup.Escape(Movement(standing)));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    private static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Movement(TeamStandingView standing) => standing.Movement switch
    {
        "not_scored" => "not scored this month",
        "new" => "first score",
        _ when standing.HasChange => $"{standing.Movement} ({standing.Change.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)})",
        _ => standing.Movement,
    };
}
