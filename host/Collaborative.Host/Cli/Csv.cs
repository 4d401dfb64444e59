using System.Text;

namespace Collaborative.Host.Cli;

/// <summary>
/// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break, quotes doubled, CRLF
/// between records. The reader keeps positions so an import error can name line and column.
/// </summary>
internal static class Csv
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields.Select(Field)));
        writer.Write("\r\n");
    }

    /// <summary>Every record of <paramref name="text"/> (blank lines skipped); a malformed quote is a <see cref="CsvFormatException"/>.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<CsvField>();
        var field = new StringBuilder();
        var (line, column) = (1, 1);
        var (fieldLine, fieldColumn) = (1, 1);
        var recordLine = 1;
        var i = 0;
        if (text.StartsWith('\uFEFF'))
        {
            i = 1; // A byte-order mark from a spreadsheet export is not part of the first field.
        }

        void EndField()
        {
            fields.Add(new CsvField(field.ToString(), fieldLine, fieldColumn));
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            var blank = fields.Count == 1 && fields[0].Value.Length == 0;
            if (!blank)
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }

        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart)
            {
                (fieldLine, fieldColumn) = (line, column);
                if (fields.Count == 0)
                {
                    recordLine = line;
                }

                atFieldStart = false;
                if (c == '"')
                {
                    i++;
                    column++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new CsvFormatException(fieldLine, fieldColumn, "a quoted field is never closed");
                        }

                        var q = text[i];
                        if (q == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                column += 2;
                                continue;
                            }

                            i++;
                            column++;
                            break;
                        }

                        field.Append(q);
                        i++;
                        if (q == '\n')
                        {
                            line++;
                            column = 1;
                        }
                        else
                        {
                            column++;
                        }
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new CsvFormatException(line, column, "text after a closing quote; quote the whole field and double any quote inside it");
                    }

                    continue;
                }
            }

            switch (c)
            {
                case ',':
                    EndField();
                    atFieldStart = true;
                    i++;
                    column++;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    atFieldStart = true;
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    column = 1;
                    break;
                case '"':
                    throw new CsvFormatException(line, column, "a quote inside an unquoted field; quote the whole field and double the quote");
                default:
                    field.Append(c);
                    i++;
                    column++;
                    break;
            }
        }

        if (!atFieldStart || fields.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
