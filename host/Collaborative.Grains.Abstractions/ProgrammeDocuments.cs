using Collaborative.Programme.Definition;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// Parses a <see cref="ProgrammeDocument"/> once per version on this host: every grain and reader asks the
/// programme grain for the document (cheap, text) and gets the same parsed definition back from here. Keyed by the
/// YAML itself, so the programmes of a portfolio each keep theirs.
/// </summary>
public sealed class ProgrammeDocuments
{
    /// <summary>More definitions than a portfolio has programmes; past it the cache starts again (versions left behind go).</summary>
    private const int Capacity = 256;

    private readonly Lock _sync = new();
    private readonly Dictionary<string, ProgrammeDefinition> _parsed = new(StringComparer.Ordinal);

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
            if (_parsed.TryGetValue(document.Yaml, out var parsed))
            {
                return parsed;
            }
        }

        var definition = YamlProgrammeLoader.Load(document.Yaml, document.FileName);
        lock (_sync)
        {
            if (_parsed.Count >= Capacity)
            {
                _parsed.Clear();
            }

            _parsed[document.Yaml] = definition;
        }

        return definition;
    }
}
