using System.CommandLine;
using Collaborative.Contracts.V1;

namespace Collaborative.Host.Cli;

/// <summary>`collab score GOAL MONTH SCORE`: a goal team's monthly score on the IHI Assessment Scale for Collaboratives.</summary>
internal static class ScoreCommand
{
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["goal_id"] = "GOAL", ["month"] = "MONTH", ["score"] = "SCORE", ["note"] = "--note",
    };

    public static Command Create(GlobalOptions options)
    {
        var goal = new Argument<string>("goal") { Description = "The shared goal's id, as `collab status` lists it." };
        var month = new Argument<string>("month") { Description = "The month scored, YYYY-MM (not one yet to begin)." };
        var score = new Argument<double>("score") { Description = "1.0 to 5.0 in half steps: 1 forming team … 3 modest improvement … 5 outstanding sustainable results." };
        var note = MethodVerbs.Text("--note", "Why this score: the evidence the scale asks for.");
        var command = new Command("score", "Record a goal team's progress score for a month (IHI Assessment Scale, 1.0 to 5.0 in half steps); a later score for the month replaces it. You are its author.")
        {
            goal, month, score, note,
        };
        VerbRunner.SetAction(command, options, context => MethodVerbs.RecordAsync(context, new MethodWrite
        {
            Score = new ProgressScoreRecord
            {
                GoalId = context.Parse.GetValue(goal)!,
                Month = MethodVerbs.Month(context.Parse.GetValue(month), "MONTH"),
                Score = context.Parse.GetValue(score),
                Note = context.Parse.GetValue(note) ?? "",
            },
        }, OptionOfField));
        return command;
    }
}
