using System.Runtime.CompilerServices;
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

    // Within a silo a document is passed by reference ([Immutable]), so every read of one version holds the same YAML
    // string: found by that reference, a read costs no hashing of the text (tens of kilobytes, on every call).
    private readonly ConditionalWeakTable<string, ProgrammeDefinition> _byInstance = [];

    /// <summary>The document's definition; throws <see cref="ProgrammeDefinitionException"/> when it is refused.</summary>
    public ProgrammeDefinition Definition(ProgrammeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.IsRefused)
        {
            throw document.RefusalException();
        }

        if (_byInstance.TryGetValue(document.Yaml, out var known))
        {
            return known;
        }

        lock (_sync)
        {
            if (_parsed.TryGetValue(document.Yaml, out var parsed))
            {
                _byInstance.AddOrUpdate(document.Yaml, parsed);
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

        _byInstance.AddOrUpdate(document.Yaml, definition);

        return definition;
    }
}
