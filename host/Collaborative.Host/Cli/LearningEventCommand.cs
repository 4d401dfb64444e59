using System.CommandLine;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab learning-event list|record`: learning sessions and other events, the goals they covered and their lessons.</summary>
internal static class LearningEventCommand
{
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["id"] = "--id", ["date"] = "--date", ["kind"] = "--kind", ["title"] = "--title", ["goal_ids"] = "--goal", ["lessons"] = "--lesson",
    };

    public static Command Create(GlobalOptions options)
    {
        var command = new Command("learning-event", "Learning sessions and other events: list them, or record one with the goals it covered and the lessons learned.");

        var goal = MethodVerbs.GoalFilter();
        var list = new Command("list", "Every learning event you may read, newest first: day, kind, title, goals covered, lessons.") { goal };
        VerbRunner.SetAction(list, options, context => ListAsync(context, context.Parse.GetValue(goal) ?? ""));
        command.Subcommands.Add(list);

        var id = MethodVerbs.Text("--id", "The event to replace; none: a new one.");
        var date = MethodVerbs.Needed("--date", "The day it took place (YYYY-MM-DD).");
        var kind = MethodVerbs.Text("--kind", "learning_session (the default), action_period_review, webinar or other.");
        var title = MethodVerbs.Needed("--title", "What it was called.");
        var goals = new Option<string[]>("--goal") { Description = "A goal it covered (repeat for each; a partner names only goals it co-owns).", AllowMultipleArgumentsPerToken = false };
        var lessons = new Option<string[]>("--lesson") { Description = "A lesson recorded (repeat for each)." };
        var record = new Command("record", "Record a learning event, or replace one with --id. You are its author.") { id, date, kind, title, goals, lessons };
        VerbRunner.SetAction(record, options, context =>
        {
            var p = context.Parse;
            var learningEvent = new LearningEventRecord
            {
                Id = p.GetValue(id) ?? "",
                Date = MethodVerbs.Day(p.GetValue(date), "--date"),
                Kind = p.GetValue(kind) ?? "",
                Title = p.GetValue(title)!,
            };
            learningEvent.GoalIds.AddRange(p.GetValue(goals) ?? []);
            learningEvent.Lessons.AddRange(p.GetValue(lessons) ?? []);
            return MethodVerbs.RecordAsync(context, new MethodWrite { LearningEvent = learningEvent }, OptionOfField);
        });
        command.Subcommands.Add(record);
        return command;
    }

    private static async Task<int> ListAsync(VerbContext context, string goalId)
    {
        var records = await context.Programme.GetMethodRecordsAsync(goalId, context.CancellationToken);
        var events = records.LearningEvents.OrderByDescending(e => e.Date, StringComparer.Ordinal).ToList();
        if (context.Output.Json)
        {
            context.Output.WriteJson(new JsonObject { ["version"] = records.Version, ["learning_events"] = new JsonArray([.. events.Select(e => (JsonNode)CliOutput.ProtoNode(e))]) });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Day").AddColumn("Event").AddColumn("Goals").AddColumn("Lessons");
        foreach (var learningEvent in events)
        {
            table.AddRow(
                Markup.Escape(learningEvent.Date),
                $"{Markup.Escape(learningEvent.Title)}\n[dim]{Markup.Escape(learningEvent.Id)}, {Markup.Escape(learningEvent.Kind.Replace('_', ' '))}[/]",
                Markup.Escape(string.Join("\n", learningEvent.GoalIds)),
                Markup.Escape(string.Join("\n", learningEvent.Lessons.Select(l => "- " + l))));
        }

        context.Output.Console.MarkupLine($"{events.Count} learning event(s){(goalId.Length > 0 ? $" covering goal {Markup.Escape(goalId)}" : "")}.");
        context.Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
