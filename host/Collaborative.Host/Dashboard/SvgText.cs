namespace Collaborative.Host.Dashboard;

/// <summary>
/// Text laid out in server-drawn SVG, which has no wrapping of its own: words broken into lines of at most so
/// many characters (a word longer than a line is cut), and at most so many lines, the last ending "…" when the
/// text is longer. The whole text always goes in the shape's title and text alternative as well.
/// </summary>
internal static class SvgText
{
    public const string Ellipsis = "…";

    public static IReadOnlyList<string> Wrap(string text, int lineLength, int maxLines = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var lines = new List<string>();
        var line = "";
        foreach (var word in (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var joined = line.Length == 0 ? rest : line + " " + rest;
                if (joined.Length <= lineLength)
                {
                    line = joined;
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    lines.Add(line);
                    line = "";
                }
                else
                {
                    lines.Add(rest[..lineLength]);
                    rest = rest[lineLength..];
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count <= maxLines)
        {
            return lines;
        }

        var last = lines[maxLines - 1];
        lines.RemoveRange(maxLines - 1, lines.Count - maxLines + 1);
        lines.Add((last.Length >= lineLength ? last[..(lineLength - 1)] : last).TrimEnd() + Ellipsis);
        return lines;
    }
}
