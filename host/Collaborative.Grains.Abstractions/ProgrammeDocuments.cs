using Collaborative.Programme.Definition;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// Parses a <see cref="ProgrammeDocument"/> once per version on this host: every grain and reader asks the
/// programme grain for the document (cheap, text) and gets the same parsed definition back from here.
/// </summary>
public sealed class ProgrammeDocuments
{
    private readonly Lock _sync = new();
    private (long Version, string Yaml, ProgrammeDefinition Definition)? _last;

    /// <summary>The document's definition; throws <see cref="ProgrammeDefinitionException"/> when it is refused.</summary>
    public ProgrammeDefinition Definition(ProgrammeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.IsRefused)
        {
            throw document.RefusalException();
        }

        lock (_sync)
        {
            if (_last is { } last && last.Version == document.Version && last.Yaml == document.Yaml)
            {
                return last.Definition;
            }
        }

        var definition = YamlProgrammeLoader.Load(document.Yaml, document.FileName);
        lock (_sync)
        {
            _last = (document.Version, document.Yaml, definition);
        }

        return definition;
    }
}
