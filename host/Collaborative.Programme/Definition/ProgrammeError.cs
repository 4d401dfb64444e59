using System.Text;

namespace Collaborative.Programme.Definition;

/// <summary>
/// One thing wrong with a programme definition: where (file, 1-based line and column when it came from a
/// file, and the path of the field such as "goals[2].co_owners[0]") and what was expected.
/// </summary>
public sealed record ProgrammeError
{
    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    public string Path { get; init; } = string.Empty;

    public required string Message { get; init; }

    /// <summary>"file:line:column: path: message", the form compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is not null)
        {
            text.Append(File);
            if (Line is not null)
            {
                text.Append(':').Append(Line).Append(':').Append(Column ?? 1);
            }

            text.Append(": ");
        }

        if (Path.Length > 0)
        {
            text.Append(Path).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
