using System.CommandLine;
using System.Text.Json.Nodes;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab check`: the programme's alignment with its principles. Exit code 1 when any finding is an
/// error, so a pipeline can refuse a programme change that breaks a principle the programme enforces.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(GlobalOptions options)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Judge stale data as of this date (YYYY-MM-DD). Default: today." };
        var command = new Command("check", "Alignment findings grouped by principle, with severity, why and what to do. Exit code 1 when any finding is an error, 0 otherwise.")
        {
            asOf,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(context, context.Parse.GetValue(asOf) ?? ""));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string asOf)
    {
        var report = await context.Programme.CheckAlignmentAsync(asOf, context.CancellationToken);
        if (context.Programme.IsEmbedded)
        {
            await context.Output.Error.WriteLineAsync("plugins' own alignment findings need a running host; these are the built-in rules only.");
        }

        var exitCode = report.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        if (context.Output.Json)
        {
            var json = CliOutput.ProtoNode(report);
            json["passed"] = exitCode == ExitCodes.Ok;
            context.Output.WriteJson(json);
            return exitCode;
        }

        var console = context.Output.Console;
        console.MarkupLine($"Alignment as of {Markup.Escape(report.AsOf)}: [bold]{report.Errors}[/] error(s), {report.Warnings} warning(s), {report.Infos} info");
        var grouped = report.Principles.Select(p => (Title: $"{p.Title} ({p.PrincipleId})", Findings: (IReadOnlyList<AlignmentFinding>)p.Findings))
            .Concat(Ungrouped(report))
            .Where(g => g.Findings.Count > 0);
        foreach (var (title, findings) in grouped)
        {
            console.WriteLine();
            console.MarkupLine($"[bold underline]{Markup.Escape(title)}[/]");
            foreach (var finding in findings.OrderByDescending(f => f.Severity))
            {
                console.MarkupLine($"  {Severity(finding.Severity)} [bold]{Markup.Escape(finding.RuleId)}[/] {Markup.Escape(finding.SubjectKind)} '{Markup.Escape(finding.SubjectId)}'{(finding.Source is "host" or "" ? "" : $" [dim](from {Markup.Escape(finding.Source)})[/]")}");
                // Indented as a block, so wrapped lines stay under their finding.
                var details = Markup.Escape(finding.What)
                    + (finding.Why.Length > 0 ? $"\n[dim]why:[/] {Markup.Escape(finding.Why)}" : "")
                    + (finding.Action.Length > 0 ? $"\n[dim]do:[/] {Markup.Escape(finding.Action)}" : "");
                console.Write(new Padder(new Markup(details), new Padding(6, 0, 0, 0)) { Expand = false });
            }
        }

        console.WriteLine();
        console.MarkupLine(exitCode == ExitCodes.Ok ? "No error-severity findings." : $"[red]{report.Errors} error-severity finding(s): the check fails.[/]");
        return exitCode;
    }

    // Findings whose principle the programme no longer lists still count; show them rather than drop them.
    private static IEnumerable<(string Title, IReadOnlyList<AlignmentFinding> Findings)> Ungrouped(AlignmentReport report)
    {
        var listed = report.Principles.Select(p => p.PrincipleId).ToHashSet(StringComparer.Ordinal);
        var rest = report.Findings.Where(f => !listed.Contains(f.PrincipleId)).ToList();
        return rest.Count == 0 ? [] : [("Other findings", rest)];
    }

    private static string Severity(Collaborative.Contracts.V1.Severity severity) => severity switch
    {
        Collaborative.Contracts.V1.Severity.Error => "[red]error  [/]",
        Collaborative.Contracts.V1.Severity.Warning => "[yellow]warning[/]",
        _ => "[blue]info   [/]",
    };
}
