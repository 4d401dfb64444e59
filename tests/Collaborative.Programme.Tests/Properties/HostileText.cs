using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Programme.Tests.Properties;

/// <summary>
/// Generated and mutated text for the properties "never a crash, never a hang, every refusal placed":
/// pieces that trouble parsers (brackets, anchors and aliases, tags, quotes, every kind of line break,
/// control characters, extreme numbers, dates and periods) strung together from nothing, or spliced,
/// cut and repeated inside a valid file. Shared by the programme loader's and the CSV import's tests.
/// </summary>
internal static class HostileText
{
    /// <summary>How long one input may take: a hang guard, far above the milliseconds a refusal takes.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(2);

    private static readonly string[] Pieces =
    [
        "[", "]", "{", "}", ":", ": ", "- ", ",", ", ", "\n", "\r", "\r\n", "\t", "  ", "    ", " ",
        "&a ", "&b ", "*a", "*b", "? ", "!!str ", "!!map ", "!x ", "<<: *a\n", "'", "\"", "\"\"", "#", "|\n", ">-\n",
        "---\n", "...\n", "%YAML 1.1\n", "%TAG ! x\n", "\\", "\\r", "\u2028", "\0", "\u0085", "\uFEFF", "é", "😀",
        "2147483647", "-2147483648", "99999999999", "-1", "0", "1e400", "-1e13", "NaN", ".inf", "~", "null", "true",
        "9999-12-31", "0001-01-01", "9999-12", "0001-01", "2025-W53", "2026-W53", "2025-W00", "2025-13", "2025-02-30",
        "id", "name", "periods", "baseline", "target", "goals", "measures", "alignment", "rules", "x", "acute", "m",
    ];

    /// <summary>Numbers at and beyond the edges of every numeric type a setting could be read as.</summary>
    public static readonly string[] Numbers =
        ["0", "-1", "1", "520", "521", "1000", "1001", "120001", "2147483647", "-2147483648", "2147483648", "1e12", "1e13", "-1e300", "1e400", "0.5", "-0", "NaN"];

    /// <summary>Text strung together from parser-troubling pieces.</summary>
    public static Gen<string> Strung(IEnumerable<string> extraPieces) =>
        Gen.ListOf(Gen.Elements([.. Pieces, .. extraPieces])).Select(pieces => string.Concat(pieces));

    /// <summary><paramref name="seed"/> with one to six mutations: pieces spliced in, spans cut or repeated (up to 200 times, so nesting and size grow), characters replaced, numbers swapped for extreme ones.</summary>
    public static Gen<string> Mutated(string seed, IEnumerable<string> extraPieces)
    {
        var pieces = Gen.Elements([.. Pieces, .. extraPieces]);
        var mutation =
            from kind in Gen.Choose(0, 4)
            from at in Gen.Choose(0, 10_000)
            from length in Gen.Choose(1, 40)
            from times in Gen.Choose(2, 200)
            from piece in Gen.OneOf(pieces, Gen.Elements(Numbers))
            select (Func<string, string>)(text => Apply(text, kind, at, length, times, piece));
        return Gen.Choose(1, 6)
            .SelectMany(n => Gen.ArrayOf(mutation, n))
            .Select(mutations => mutations.Aggregate(seed, (text, mutate) => mutate(text)));
    }

    /// <summary>Runs <paramref name="work"/> on a pool thread (as a grain call runs) and says whether it finished within <see cref="PerInput"/>.</summary>
    public static bool FinishesInTime<T>(Func<T> work, out T? result, out Exception? thrown)
    {
        var task = Task.Run(work);
        try
        {
            if (!task.Wait(PerInput))
            {
                (result, thrown) = (default, null);
                return false;
            }

            (result, thrown) = (task.Result, null);
        }
        catch (AggregateException ex)
        {
            (result, thrown) = (default, ex.InnerException);
        }

        return true;
    }

    /// <summary>Runs <paramref name="property"/> over <paramref name="tests"/> inputs, throwing with the smallest failing one.</summary>
    public static void Check(Property property, int tests) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(tests).WithEndSize(200));

    /// <summary>Replaces one run of digits (the <paramref name="which"/>-th, wrapping round): every numeric setting gets its turn at the extremes.</summary>
    private static string ReplaceNumber(string text, int which, string number)
    {
        var runs = System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+");
        if (runs.Count == 0)
        {
            return text + number;
        }

        var run = runs[which % runs.Count];
        return text.Remove(run.Index, run.Length).Insert(run.Index, number);
    }

    private static string Apply(string text, int kind, int at, int length, int times, string piece)
    {
        var position = text.Length == 0 ? 0 : at % (text.Length + 1);
        var span = Math.Min(length, text.Length - position);
        return kind switch
        {
            4 => ReplaceNumber(text, at, piece),
            0 => text.Insert(position, piece),
            1 => text.Remove(position, span),
            2 => text.Insert(position, new StringBuilder().Insert(0, text.Substring(position, span), times).ToString()),
            _ => span == 0 ? text + piece : text.Remove(position, 1).Insert(position, piece),
        };
    }
}
