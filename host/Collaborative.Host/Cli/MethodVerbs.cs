using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// What the improvement method's verbs share: a write sent as the caller, whose refusal names the option that
/// carried each field the host refused ("--idea (change_idea_id): ..."); and days and months checked before a
/// round trip, naming the option.
/// </summary>
internal static partial class MethodVerbs
{
    /// <summary>An optional text option.</summary>
    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <summary>A text option the verb cannot do without (System.CommandLine names it when it is missing).</summary>
    public static Option<string> Needed(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>The `--goal` filter of a listing verb.</summary>
    public static Option<string?> GoalFilter() => Text("--goal", "Only this shared goal's records (its id, as `collab status` lists it).");

    /// <summary>
    /// Sends the write and prints what was stored: a line for people, the MethodWriteResponse for machines. A record the
    /// host refuses is a usage error (exit 2) naming, for each field, the option of this verb that carries it.
    /// </summary>
    public static async Task<int> RecordAsync(VerbContext context, MethodWrite write, IReadOnlyDictionary<string, string> optionOfField)
    {
        MethodWriteResponse stored;
        try
        {
            stored = await context.Programme.RecordAsync(write, context.CancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            throw new CliUsageException(WithOptions(ex.Status.Detail, optionOfField));
        }

        if (context.Output.Json)
        {
            context.Output.WriteJson(CliOutput.ProtoNode(stored));
            return ExitCodes.Ok;
        }

        var (what, id) = stored.Stored.RecordCase switch
        {
            MethodWrite.RecordOneofCase.Cycle => ("PDSA cycle", stored.Stored.Cycle.Id),
            MethodWrite.RecordOneofCase.Annotation => ("Annotation", stored.Stored.Annotation.Id),
            MethodWrite.RecordOneofCase.Score => ("Progress score", $"{stored.Stored.Score.GoalId}/{stored.Stored.Score.Month} {stored.Stored.Score.Score.ToString("0.0", CultureInfo.InvariantCulture)} ({stored.Stored.Score.Level})"),
            _ => ("Learning event", stored.Stored.LearningEvent.Id),
        };
        context.Output.Console.MarkupLine($"{what} [bold]{Markup.Escape(id)}[/] {stored.Action} (method version {stored.Version}).");
        return ExitCodes.Ok;
    }

    /// <summary>"The PDSA cycle was refused: change_idea_id: …; act: …" with each field this verb has an option for named by it.</summary>
    public static string WithOptions(string detail, IReadOnlyDictionary<string, string> optionOfField) =>
        FieldAtStart().Replace(detail, match => optionOfField.TryGetValue(match.Groups["field"].Value, out var option)
            ? $"{match.Groups["lead"].Value}{option} ({match.Groups["field"].Value}{match.Groups["index"].Value}): "
            : match.Value);

    /// <summary>A day given to <paramref name="option"/>, checked here: "" when none; a usage error naming the option otherwise.</summary>
    public static string Day(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text.Trim()
            : throw new CliUsageException($"{option} '{text}' is not a day; expected YYYY-MM-DD, e.g. 2026-11-30.");
    }

    /// <summary>A month given to <paramref name="option"/>, checked here: "" when none; a usage error naming the option otherwise.</summary>
    public static string Month(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        return MonthPattern().IsMatch(text.Trim())
            ? text.Trim()
            : throw new CliUsageException($"{option} '{text}' is not a month; expected YYYY-MM, e.g. 2026-11.");
    }

    [GeneratedRegex(@"(?<lead>^|was refused: |; )(?<field>[a-z_]+)(?<index>\[\d+\])?: ")]
    private static partial Regex FieldAtStart();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
