using System.CommandLine;
using System.Globalization;
using Collaborative.Contracts.V1;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>`collab audit [--month YYYY-MM]`: who recorded what in the improvement method, and what it changed (admin).</summary>
internal static class AuditCommand
{
    public static Command Create(GlobalOptions options)
    {
        var month = MethodVerbs.Text("--month", "The month (YYYY-MM, UTC). Default: this month.");
        var command = new Command("audit", "The audit of a month's improvement-method writes (admin): when, who (role, partner), what record, created or updated, and each field before and after.")
        {
            month,
        };
        VerbRunner.SetAction(command, options, context => RunAsync(context, MethodVerbs.Month(context.Parse.GetValue(month), "--month")));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string month)
    {
        var audit = await context.Programme.ListMethodAuditAsync(month, context.CancellationToken);
        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(audit));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("When (UTC)").AddColumn("Who").AddColumn("Record").AddColumn("Changes");
        foreach (var entry in audit.Entries)
        {
            var who = $"{entry.Author.Principal}\n{entry.Author.Role}{(entry.Author.Partner.Length > 0 ? $" ({entry.Author.Partner})" : "")}";
            var changes = string.Join("\n", entry.Changes.Select(c => c.Before.Length == 0 ? $"{c.Field}: {c.After}" : $"{c.Field}: {c.Before} → {c.After}"));
            table.AddRow(
                entry.At.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(who),
                $"{Markup.Escape(entry.RecordKind)} {Markup.Escape(entry.RecordId)}\n[dim]{Markup.Escape(entry.Action)}, version {entry.Version}[/]",
                Markup.Escape(changes));
        }

        context.Output.Console.MarkupLine($"{audit.Entries.Count} audited write(s) in {Markup.Escape(audit.Month)}.");
        context.Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
