using System.CommandLine;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab status`: every shared goal at a glance, as a programme board reads it.</summary>
internal static class StatusCommand
{
    private const int WideTerminal = 140;

    public static Command Create(GlobalOptions options)
    {
        var command = new Command("status", "Every shared goal: latest value against target, Making Data Count variation and assurance (words and colour), trend from the last two points, owner partners.");
        VerbRunner.SetAction(command, options, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context)
    {
        var programme = await context.Programme.GetProgrammeAsync(context.CancellationToken);
        var goals = (await context.Programme.ListGoalProgressAsync(context.CancellationToken)).Goals;
        if (context.Output.Json)
        {
            context.Output.WriteJson(new JsonObject
            {
                ["programme_id"] = programme.Id,
                ["programme"] = programme.Name,
                ["version"] = programme.Version,
                ["goals"] = new JsonArray([.. goals.Select(ToJson)]),
            });
            return ExitCodes.Ok;
        }

        var console = context.Output.Console;
        console.MarkupLine($"[bold]{Markup.Escape(programme.Name)}[/]: {goals.Count} shared goal(s) [dim](programme {Markup.Escape(programme.Id)}, version {programme.Version}; trend from the last two points)[/]");
        // Owner ids are long: on a narrow terminal they go under the goal's title rather than in a column of their own.
        var ownersColumn = console.Profile.Width >= WideTerminal;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Goal")
            .AddColumn(new TableColumn("Latest").RightAligned().NoWrap())
            .AddColumn(new TableColumn("Target").RightAligned().NoWrap())
            .AddColumn(new TableColumn("Variation").NoWrap())
            .AddColumn(new TableColumn("Assurance").NoWrap());
        if (ownersColumn)
        {
            table.AddColumn("Owners");
        }

        foreach (var goal in goals)
        {
            var trend = MakingDataCount.Arrow(MakingDataCount.Trend(goal));
            var latest = goal.HasLatestValue ? $"{Numbers.Show(goal.LatestValue, goal.Unit)} {trend}\n[dim]{Markup.Escape(goal.LatestPeriod)}[/]" : "[dim]no data[/]";
            var target = goal.HasTarget ? Numbers.Show(goal.Target, goal.Unit) + (goal.HasLatestMeetsTarget ? (goal.LatestMeetsTarget ? "\n[dim]met[/]" : "\n[dim]not met[/]") : "") : "[dim]none[/]";
            var owners = Markup.Escape(string.Join(", ", goal.CoOwners));
            var cells = new List<string>
            {
                $"[bold]{Markup.Escape(goal.GoalId)}[/]\n{Markup.Escape(goal.Title)}" + (ownersColumn ? "" : $"\n[dim]owners: {owners}[/]"),
                latest,
                target,
                MakingDataCount.Paint(MakingDataCount.Words(goal.Variation), MakingDataCount.ColourOf(goal.Variation)),
                MakingDataCount.Paint(MakingDataCount.Words(goal.Assurance), MakingDataCount.ColourOf(goal.Assurance)),
            };
            if (ownersColumn)
            {
                cells.Add(Markup.Escape(string.Join("\n", goal.CoOwners)));
            }

            table.AddRow([.. cells]);
        }

        console.Write(table);
        foreach (var goal in goals.Where(g => g.Variation == VariationIcon.VariationNone && g.NoLimitsReason.Length > 0))
        {
            console.MarkupLine($"[dim]{Markup.Escape(goal.GoalId)}: no icons: {Markup.Escape(goal.NoLimitsReason)}[/]");
        }

        return ExitCodes.Ok;
    }

    private static JsonObject ToJson(GoalProgress goal) => new()
    {
        ["goal_id"] = goal.GoalId,
        ["title"] = goal.Title,
        ["measure_id"] = goal.MeasureId,
        ["unit"] = goal.Unit,
        ["improvement"] = goal.Improvement,
        ["latest_value"] = goal.HasLatestValue ? goal.LatestValue : null,
        ["latest_period"] = goal.LatestPeriod.Length > 0 ? goal.LatestPeriod : null,
        ["target"] = goal.HasTarget ? goal.Target : null,
        ["latest_meets_target"] = goal.HasLatestMeetsTarget ? goal.LatestMeetsTarget : null,
        ["variation"] = CliOutput.ProtoName(goal.Variation),
        ["variation_words"] = MakingDataCount.Words(goal.Variation),
        ["assurance"] = CliOutput.ProtoName(goal.Assurance),
        ["assurance_words"] = MakingDataCount.Words(goal.Assurance),
        ["no_limits_reason"] = goal.NoLimitsReason.Length > 0 ? goal.NoLimitsReason : null,
        ["trend"] = MakingDataCount.Trend(goal),
        ["co_owners"] = new JsonArray([.. goal.CoOwners.Select(o => (JsonNode?)o)]),
        ["points"] = goal.Points.Count,
    };
}
