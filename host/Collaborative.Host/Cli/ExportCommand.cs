using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab export`: goal progress and observations as CSV or JSON, for a spreadsheet, an audit or
/// another system. Observation CSV reads back with `collab import`.
/// </summary>
internal static class ExportCommand
{
    private static readonly string[] ObservationHeader = ["id", "measure_id", "period", "value", "numerator", "denominator", "source", "revision", "current", "recorded_at"];
    private static readonly string[] ProgressHeader = ["goal_id", "measure_id", "period", "value", "moving_range", "segment", "in_baseline", "mean", "lower_limit", "upper_limit", "special_cause", "signals"];

    public static Command Create(GlobalOptions options)
    {
        var format = new Option<string>("--format")
        {
            Description = "csv or json.",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var data = new Option<string?>("--data")
        {
            Description = "observations (every revision; re-importable) or progress (each goal's points with limits and flags). Default: observations for CSV, both in one document for JSON.",
        };
        data.AcceptOnlyFromAmong("observations", "progress");
        var measure = new Option<string?>("--measure") { Description = "Only this measure's observations." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var command = new Command("export", "Goal progress and observations as CSV (RFC 4180, header row) or JSON.")
        {
            format,
            data,
            measure,
            output,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(
            context,
            context.Parse.GetValue(options.Json) ? "json" : context.Parse.GetValue(format)!,
            context.Parse.GetValue(data),
            context.Parse.GetValue(measure) ?? "",
            context.Parse.GetValue(output)));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string format, string? data, string measureId, string? outputFile)
    {
        var programme = context.Programme;
        var wantsObservations = data is null or "observations";
        var wantsProgress = data == "progress" || (data is null && format == "json");
        var observations = wantsObservations ? (await programme.ListObservationsAsync(measureId, context.CancellationToken)).Observations : null;
        var progress = wantsProgress ? (await programme.ListGoalProgressAsync(context.CancellationToken)).Goals : null;

        var text = new StringWriter(CultureInfo.InvariantCulture);
        if (format == "json")
        {
            var document = new JsonObject { ["programme_id"] = (await programme.GetProgrammeAsync(context.CancellationToken)).Id };
            if (progress is not null)
            {
                document["goals"] = new JsonArray([.. progress.Select(g => (JsonNode)CliOutput.ProtoNode(g))]);
            }

            if (observations is not null)
            {
                document["observations"] = new JsonArray([.. observations.Select(o => (JsonNode)CliOutput.ProtoNode(o))]);
            }

            await text.WriteLineAsync(document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else if (observations is not null)
        {
            WriteObservations(text, observations);
        }
        else
        {
            WriteProgress(text, progress!);
        }

        if (outputFile is null)
        {
            await Console.Out.WriteAsync(text.ToString());
        }
        else
        {
            await File.WriteAllTextAsync(outputFile, text.ToString(), new UTF8Encoding(false), context.CancellationToken);
            await context.Output.Error.WriteLineAsync($"wrote {(observations is null ? "" : $"{observations.Count} observation(s)")}{(observations is not null && progress is not null ? " and " : "")}{(progress is null ? "" : $"{progress.Count} goal(s)")} to {outputFile}");
        }

        return ExitCodes.Ok;
    }

    private static void WriteObservations(TextWriter writer, IEnumerable<RecordedObservation> observations)
    {
        Csv.WriteRecord(writer, ObservationHeader);
        foreach (var recorded in observations)
        {
            var o = recorded.Observation;
            Csv.WriteRecord(writer,
            [
                o.Id,
                o.MeasureId,
                o.Period,
                Numbers.Exact(o.Value),
                o.HasNumerator ? Numbers.Exact(o.Numerator) : "",
                o.HasDenominator ? Numbers.Exact(o.Denominator) : "",
                o.Source,
                recorded.Revision.ToString(CultureInfo.InvariantCulture),
                recorded.Current ? "true" : "false",
                o.RecordedAt?.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) ?? "",
            ]);
        }
    }

    private static void WriteProgress(TextWriter writer, IEnumerable<GoalProgress> goals)
    {
        Csv.WriteRecord(writer, ProgressHeader);
        foreach (var goal in goals)
        {
            var segments = goal.Segments.ToDictionary(s => s.Index);
            foreach (var point in goal.Points)
            {
                var limits = segments.TryGetValue(point.Segment, out var s) && s.HasLimits ? s : null;
                Csv.WriteRecord(writer,
                [
                    goal.GoalId,
                    goal.MeasureId,
                    point.Period,
                    Numbers.Exact(point.Value),
                    point.HasMovingRange ? Numbers.Exact(point.MovingRange) : "",
                    point.Segment.ToString(CultureInfo.InvariantCulture),
                    point.InBaseline ? "true" : "false",
                    limits is null ? "" : Numbers.Exact(limits.Mean),
                    limits is null ? "" : Numbers.Exact(limits.LowerLimit),
                    limits is null ? "" : Numbers.Exact(limits.UpperLimit),
                    point.Improvement ? "improvement" : point.Concern ? "concern" : point.Neutral ? "neutral" : "",
                    string.Join(';', point.Signals),
                ]);
            }
        }
    }
}
