using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Reads a programme file. Returns a complete, valid <see cref="ProgrammeDefinition"/> or throws
/// <see cref="ProgrammeDefinitionException"/> listing every error with file, line, column and what was
/// expected: a file too deep or with too many aliases (<see cref="YamlShapeLimits"/>) or a syntax error
/// stops reading (nothing after it can be trusted); otherwise every field and reference is checked
/// before anything is returned, so nothing is ever half-loaded.
/// </summary>
public static class YamlProgrammeLoader
{
    public static ProgrammeDefinition LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    public static ProgrammeDefinition Load(string yaml, string fileName) => Load(new StringReader(yaml), fileName);

    public static ProgrammeDefinition Load(TextReader text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var yaml = text.ReadToEnd();

        // Depth and alias expansion are checked on the event stream first: building the tree is what
        // overflows the stack or hangs on them.
        if (YamlShapeLimits.FindViolation(yaml) is { } violation)
        {
            throw new ProgrammeDefinitionException([Syntax(fileName, violation.Where, violation.Message)]);
        }

        var stream = new YamlStream();
        var parser = new MarkTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ProgrammeDefinitionException([Syntax(fileName, e.Start, Describe(e))]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these without a position for a few malformed streams (an unclosed flow
            // sequence; an event the tree builder does not expect where a node should be).
            throw new ProgrammeDefinitionException([Syntax(fileName, parser.LastGood,
                "malformed YAML after this point: expected a value, a closing ']' or '}', or a key on a new line")]);
        }

        if (stream.Documents.Count != 1)
        {
            var where = stream.Documents.Count == 0 ? Mark.Empty : stream.Documents[1].RootNode.Start;
            throw new ProgrammeDefinitionException([Syntax(fileName, where, stream.Documents.Count == 0
                ? "the file is empty; expected a programme with id, name, shared_purpose, partners, measures and goals"
                : "expected one YAML document, found another starting here")]);
        }

        var reader = new ProgrammeYamlReader();
        var programme = reader.Read(stream.Documents[0].RootNode);

        // Field-level errors from reading win over the validator's view of the same field: a number
        // that failed to parse should not also be reported as "missing".
        var errors = reader.Errors.ToList();
        foreach (var error in ProgrammeValidator.Validate(programme))
        {
            if (!reader.Errors.Any(e => Covers(e.Path, error.Path)))
            {
                errors.Add(error);
            }
        }

        if (errors.Count > 0)
        {
            // In file order, as an editor would list them.
            throw new ProgrammeDefinitionException(errors.Select(e => reader.Locate(e, fileName)).OrderBy(e => e.Line).ThenBy(e => e.Column));
        }

        return programme;
    }

    private static bool Covers(string readPath, string validatedPath) =>
        readPath.Length > 0 && (validatedPath == readPath
            || (validatedPath.StartsWith(readPath, StringComparison.Ordinal) && validatedPath[readPath.Length] is '.' or '['));

    private static ProgrammeError Syntax(string file, Mark mark, string message) => new()
    {
        File = file,
        Line = (int)Math.Max(1, mark.Line),
        Column = (int)Math.Max(1, mark.Column),
        Message = message,
    };

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its message with the position, which the error already carries.
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0)
        {
            message = message[(close + 3)..];
        }

        // The scanner reports where the offending token started; when it noticed the problem on a later
        // line (a tab in the next line, an unterminated quote), say that too.
        var noticed = e.End.Line > e.Start.Line ? $" (noticed at line {e.End.Line}, column {e.End.Column})" : string.Empty;
        return "malformed YAML: " + message + noticed;
    }
}
