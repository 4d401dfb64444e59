namespace Collaborative.Host.Cli;

/// <summary>One CSV record: the line it starts on and each field with the column it starts at (both 1-based).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<CsvField> Fields);

/// <summary>A field's text (unquoted) and where it starts.</summary>
internal sealed record CsvField(string Value, int Line, int Column);
