namespace Collaborative.Host.Cli;

/// <summary>CSV that cannot be read at all past a point (an unclosed quote): where, and what is wrong.</summary>
internal sealed class CsvFormatException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
