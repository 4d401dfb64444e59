using System.CommandLine;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab goal &lt;id&gt;`: one shared goal's series, limits, flagged points and an XmR chart.</summary>
internal static class GoalCommand
{
    public static Command Create(GlobalOptions options)
    {
        var goalId = new Argument<string>("id") { Description = "The shared goal's id, as `collab status` lists it." };
        var command = new Command("goal", "One shared goal: the series (period, value, moving range, flags), each segment's mean and process limits, and a terminal XmR chart.")
        {
            goalId,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(context, context.Parse.GetValue(goalId)!));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string goalId)
    {
        var goal = await context.Programme.GetGoalProgressAsync(goalId, context.CancellationToken);
        if (context.Output.Json)
        {
            var json = CliOutput.ProtoNode(goal);
            json["variation_words"] = MakingDataCount.Words(goal.Variation);
            json["assurance_words"] = MakingDataCount.Words(goal.Assurance);
            json["trend"] = MakingDataCount.Trend(goal);
            context.Output.WriteJson(json);
            return ExitCodes.Ok;
        }

        var console = context.Output.Console;
        console.MarkupLine($"[bold]{Markup.Escape(goal.Title)}[/] ({Markup.Escape(goal.GoalId)})");
        console.MarkupLine($"Measure: {Markup.Escape(goal.MeasureName)} ({Markup.Escape(goal.MeasureId)}, {Markup.Escape(goal.Unit)}); improvement is {Markup.Escape(goal.Improvement)}");
        var target = goal.HasTarget ? Numbers.Show(goal.Target, goal.Unit) + (goal.TargetDate.Length > 0 ? $" by {goal.TargetDate}" : "") : "none";
        console.MarkupLine($"Target: {Markup.Escape(target)}");
        console.MarkupLine($"Variation: {MakingDataCount.Paint(MakingDataCount.Words(goal.Variation), MakingDataCount.ColourOf(goal.Variation))}   " +
            $"Assurance: {MakingDataCount.Paint(MakingDataCount.Words(goal.Assurance), MakingDataCount.ColourOf(goal.Assurance))}" +
            (goal.NoAssuranceReason.Length > 0 && goal.Assurance == AssuranceIcon.AssuranceNone ? $" [dim]({Markup.Escape(goal.NoAssuranceReason)})[/]" : ""));
        if (goal.NoLimitsReason.Length > 0)
        {
            console.MarkupLine($"[dim]No limits or icons: {Markup.Escape(goal.NoLimitsReason)}[/]");
        }

        console.WriteLine();
        foreach (var segment in goal.Segments)
        {
            var span = $"Segment {segment.Index}: {segment.FromPeriod} to {segment.ToPeriod} ({segment.PointCount} points)";
            var change = segment.ChangeReason.Length > 0 ? $", after: {segment.ChangeReason}" : "";
            var limits = segment.HasLimits
                ? $"; baseline {segment.BaselineFrom} to {segment.BaselineTo} ({segment.BaselinePointCount}): mean {Numbers.Show(segment.Mean)}, process limits {Numbers.Show(segment.LowerLimit)} to {Numbers.Show(segment.UpperLimit)}, near-limit band {Numbers.Show(segment.LowerNear)} to {Numbers.Show(segment.UpperNear)}"
                : $"; no limits: {segment.NoLimitsReason}";
            console.MarkupLine(Markup.Escape(span + change + limits));
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Period")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn(new TableColumn("mR").RightAligned())
            .AddColumn(new TableColumn("Seg").RightAligned())
            .AddColumn("Flags");
        foreach (var point in goal.Points)
        {
            table.AddRow(
                Markup.Escape(point.Period) + (point.InBaseline ? " [dim]b[/]" : ""),
                Numbers.Show(point.Value),
                point.HasMovingRange ? Numbers.Show(point.MovingRange) : "",
                point.Segment.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Flags(point));
        }

        console.Write(table);
        console.MarkupLine("[dim]b: in the baseline the limits come from.[/]");
        console.WriteLine();
        foreach (var line in XmrChart.Render(goal, Math.Min(console.Profile.Width, 100)))
        {
            console.MarkupLine(line);
        }

        return ExitCodes.Ok;
    }

    private static string Flags(ProgressPoint point)
    {
        var kind = point.Improvement ? "improvement" : point.Concern ? "concern" : point.Neutral ? "neutral" : null;
        if (kind is null)
        {
            return "";
        }

        return MakingDataCount.Paint($"{kind}: {string.Join(", ", point.Signals)}", MakingDataCount.ColourOf(point));
    }
}
