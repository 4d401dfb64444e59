using System.CommandLine;
using Collaborative.Contracts.V1;

namespace Collaborative.Host.Cli;

/// <summary>`collab annotate GOAL PERIOD TEXT`: a note on a goal's chart at a period of its measure; you are its author.</summary>
internal static class AnnotateCommand
{
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["id"] = "--id", ["goal_id"] = "GOAL", ["period"] = "PERIOD", ["text"] = "TEXT",
    };

    public static Command Create(GlobalOptions options)
    {
        var goal = new Argument<string>("goal") { Description = "The shared goal's id, as `collab status` lists it." };
        var period = new Argument<string>("period") { Description = "A period of the goal's measure: 2026-03 (month) or 2026-W10 (ISO week)." };
        var text = new Argument<string>("text") { Description = "The note, as it will show on the chart." };
        var id = MethodVerbs.Text("--id", "The annotation to replace; none: a new one.");
        var command = new Command("annotate", "Put a note on a goal's chart at a period (a change made, an event that explains a point). You are its author.")
        {
            goal, period, text, id,
        };
        VerbRunner.SetAction(command, options, context => MethodVerbs.RecordAsync(context, new MethodWrite
        {
            Annotation = new ChartAnnotationRecord
            {
                Id = context.Parse.GetValue(id) ?? "",
                GoalId = context.Parse.GetValue(goal)!,
                Period = context.Parse.GetValue(period)!,
                Text = context.Parse.GetValue(text)!,
            },
        }, OptionOfField));
        return command;
    }
}
