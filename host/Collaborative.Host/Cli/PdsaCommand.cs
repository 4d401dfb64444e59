using System.CommandLine;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab pdsa list|record`: the PDSA cycles testing the change ideas of the goals' driver diagrams.</summary>
internal static class PdsaCommand
{
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["id"] = "--id", ["goal_id"] = "--goal", ["change_idea_id"] = "--idea", ["owner"] = "--owner", ["status"] = "--status",
        ["plan"] = "--plan", ["prediction"] = "--prediction", ["started"] = "--started", ["ended"] = "--ended", ["study"] = "--study", ["act"] = "--act",
    };

    public static Command Create(GlobalOptions options)
    {
        var command = new Command("pdsa", "PDSA cycles: list them, or record one (Plan with a prediction, Do with dates, Study what happened, Act: adopt, adapt or abandon).");

        var goal = MethodVerbs.GoalFilter();
        var list = new Command("list", "Every PDSA cycle you may read (a partner: of the goals it co-owns): goal, change idea, owner, status, dates, act.") { goal };
        VerbRunner.SetAction(list, options, context => ListAsync(context, context.Parse.GetValue(goal) ?? ""));
        command.Subcommands.Add(list);

        var id = MethodVerbs.Text("--id", "The cycle to replace (as `collab pdsa list` shows it); none: a new cycle.");
        var goalId = MethodVerbs.Needed("--goal", "The shared goal whose driver diagram has the change idea.");
        var idea = MethodVerbs.Needed("--idea", "The change idea tested (its id in the goal's driver diagram: `collab driver-diagram show GOAL`).");
        var owner = MethodVerbs.Needed("--owner", "The partner organisation that owns the cycle (its id).");
        var status = MethodVerbs.Needed("--status", "planned, doing, studying or done.");
        var plan = MethodVerbs.Text("--plan", "What will be tried, by whom, where.");
        var prediction = MethodVerbs.Text("--prediction", "What the team expects to happen.");
        var started = MethodVerbs.Text("--started", "The day the test began (YYYY-MM-DD).");
        var ended = MethodVerbs.Text("--ended", "The day it ended (YYYY-MM-DD).");
        var study = MethodVerbs.Text("--study", "What happened, against the prediction.");
        var act = MethodVerbs.Text("--act", "adopt, adapt or abandon (a done cycle needs one).");
        var record = new Command("record", "Record a PDSA cycle, or replace one with --id (a cycle moves from planned to done by being recorded again). You are its author.")
        {
            id, goalId, idea, owner, status, plan, prediction, started, ended, study, act,
        };
        VerbRunner.SetAction(record, options, context =>
        {
            var p = context.Parse;
            var cycle = new PdsaCycleRecord
            {
                Id = p.GetValue(id) ?? "",
                GoalId = p.GetValue(goalId)!,
                ChangeIdeaId = p.GetValue(idea)!,
                Owner = p.GetValue(owner)!,
                Status = p.GetValue(status)!,
                Plan = p.GetValue(plan) ?? "",
                Prediction = p.GetValue(prediction) ?? "",
                Started = MethodVerbs.Day(p.GetValue(started), "--started"),
                Ended = MethodVerbs.Day(p.GetValue(ended), "--ended"),
                Study = p.GetValue(study) ?? "",
                Act = p.GetValue(act) ?? "",
            };
            return MethodVerbs.RecordAsync(context, new MethodWrite { Cycle = cycle }, OptionOfField);
        });
        command.Subcommands.Add(record);
        return command;
    }

    private static async Task<int> ListAsync(VerbContext context, string goalId)
    {
        var records = await context.Programme.GetMethodRecordsAsync(goalId, context.CancellationToken);
        if (context.Output.Json)
        {
            var json = CliOutput.ProtoNode(records);
            context.Output.WriteJson(new System.Text.Json.Nodes.JsonObject { ["version"] = records.Version, ["cycles"] = json["cycles"]!.DeepClone() });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Cycle").AddColumn("Goal / change idea").AddColumn("Owner").AddColumn("Status").AddColumn("Do");
        foreach (var cycle in records.Cycles)
        {
            var status = cycle.Act.Length > 0 ? $"{cycle.Status}: {cycle.Act}" : cycle.Status;
            var dates = cycle.Started.Length == 0 ? "" : $"{cycle.Started} to\n{(cycle.Ended.Length > 0 ? cycle.Ended : "…")}";
            table.AddRow(Markup.Escape(cycle.Id), $"{Markup.Escape(cycle.GoalId)}\n[dim]{Markup.Escape(cycle.ChangeIdeaId)}[/]", Markup.Escape(cycle.Owner),
                Markup.Escape(status), Markup.Escape(dates));
        }

        context.Output.Console.MarkupLine($"{records.Cycles.Count} PDSA cycle(s){(goalId.Length > 0 ? $" of goal {Markup.Escape(goalId)}" : "")}.");
        context.Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
