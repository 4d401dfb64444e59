using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Remembers where the last good YAML event ended. A few malformed inputs make YamlDotNet 16 throw an
/// exception without a position (an unclosed flow sequence throws InvalidOperationException, an
/// unexpected event where a node should be an ArgumentException); this lets
/// the loader still say where the file stopped making sense.
/// </summary>
internal sealed class MarkTrackingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    public Mark LastGood { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastGood = current.End;
        }

        return inner.MoveNext();
    }
}
