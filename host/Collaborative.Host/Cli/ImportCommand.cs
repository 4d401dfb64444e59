using System.CommandLine;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab import &lt;csv&gt;`: observations from a file, all or nothing. Every line is checked first;
/// any bad line is reported as FILE:LINE:COLUMN and nothing is imported (exit 1).
/// </summary>
internal static class ImportCommand
{
    public static Command Create(GlobalOptions options)
    {
        var file = new Argument<string>("csv") { Description = "CSV file with header id,measure_id,period,value[,numerator,denominator,source]. Periods as YYYY-MM, YYYY-Www or the period's first day." };
        var command = new Command("import", "Import observations from a CSV file. Every line is checked against the programme first; any bad line is reported as FILE:LINE:COLUMN and nothing is imported (exit code 1). Re-importing is safe: ids already recorded are duplicates.")
        {
            file,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(context, context.Parse.GetValue(file)!));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{path}: no such file.");
        }

        var text = await File.ReadAllTextAsync(path, context.CancellationToken);
        var programme = await context.Programme.GetProgrammeAsync(context.CancellationToken);
        var recorded = (await context.Programme.ListObservationsAsync("", context.CancellationToken)).Observations;
        var file = ObservationFile.Check(path, text, programme, recorded);
        if (file.Errors.Count > 0)
        {
            foreach (var error in file.Errors)
            {
                await context.Output.Error.WriteLineAsync(error);
            }

            await context.Output.Error.WriteLineAsync($"{file.Errors.Count} problem(s) in {path}: nothing was imported.");
            if (context.Output.Json)
            {
                context.Output.WriteJson(new JsonObject
                {
                    ["imported"] = false,
                    ["errors"] = new JsonArray([.. file.Errors.Select(e => (JsonNode?)e)]),
                });
            }

            return ExitCodes.Findings;
        }

        IReadOnlyList<ObservationAck> acks;
        if (context.Output.Interactive && file.Observations.Count > 0)
        {
            acks = await context.Output.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importing {file.Observations.Count} observation(s)", maxValue: file.Observations.Count);
                    return await context.Programme.ReportObservationsAsync(file.Observations, _ => task.Increment(1), context.CancellationToken);
                });
        }
        else
        {
            acks = await context.Programme.ReportObservationsAsync(file.Observations, _ => { }, context.CancellationToken);
        }

        var duplicates = acks.Count(a => a.Duplicate);
        var revised = acks.Count(a => a.Revised);
        var accepted = acks.Count - duplicates - revised;
        if (context.Output.Json)
        {
            context.Output.WriteJson(new JsonObject
            {
                ["imported"] = true,
                ["observations"] = acks.Count,
                ["accepted"] = accepted,
                ["duplicates"] = duplicates,
                ["revised"] = revised,
            });
        }
        else
        {
            context.Output.Console.MarkupLine($"Imported {acks.Count} observation(s) from {Markup.Escape(path)}: {accepted} new, {revised} revised (earlier revisions kept), {duplicates} duplicate(s) already recorded.");
        }

        return ExitCodes.Ok;
    }
}
