using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Collaborative.Programme.Definition;

/// <summary>
/// How deep and how big a YAML document may be, checked on the parser's event stream before any tree is
/// built. Building YamlDotNet's representation model recurses once per nesting level (10,000 '[' overflow
/// the stack and end the process), and a mapping key is hashed by expanding its aliases (ten lines of
/// aliases expand to 10^9 nodes): both must be refused while the input is still a flat stream of events.
/// </summary>
internal static class YamlShapeLimits
{
    /// <summary>Collections inside collections; a programme file needs about six.</summary>
    public const int MaxDepth = 32;

    /// <summary>Nodes in the document with every alias written out; a 1,000-goal programme has about 40,000.</summary>
    public const long MaxExpandedNodes = 200_000;

    /// <summary>The first place <paramref name="yaml"/> goes beyond a limit, or null. A syntax error ends the
    /// scan quietly: the loader's own parse reports it, with the same words as always.</summary>
    public static (Mark Where, string Message)? FindViolation(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<(string? Anchor, long Size)>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var openAnchors = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;
                    case NodeEvent { } node and (SequenceStart or MappingStart):
                        if (open.Count >= MaxDepth)
                        {
                            return (node.Start, $"nested more than {MaxDepth} levels deep; a programme file needs only a few levels of lists and mappings");
                        }

                        var anchor = node.Anchor.IsEmpty ? null : node.Anchor.Value;
                        if (anchor is not null)
                        {
                            openAnchors.Add(anchor);
                        }

                        open.Push((anchor, 0));
                        total++;
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        var (closed, size) = open.Pop();
                        if (closed is not null)
                        {
                            anchors[closed] = size + 1;
                            openAnchors.Remove(closed);
                        }

                        Grow(open, size + 1);
                        break;
                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = 1;
                        }

                        Grow(open, 1);
                        total++;
                        break;
                    case AnchorAlias alias:
                        if (openAnchors.Contains(alias.Value.Value))
                        {
                            return (alias.Start, $"alias '*{alias.Value}' refers to the node it is inside; a node cannot contain itself");
                        }

                        // An alias to no anchor is the loader's parse's to report.
                        var expanded = anchors.GetValueOrDefault(alias.Value.Value);
                        Grow(open, expanded);
                        total += expanded;
                        break;
                }

                if (total > MaxExpandedNodes)
                {
                    return (parser.Current!.Start, $"aliases here make the document more than {MaxExpandedNodes:N0} nodes when written out; write the values out, or repeat fewer of them");
                }
            }
        }
        catch (YamlException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Adds to the enclosing collection's expanded size, which an alias to its anchor repeats.
    /// Sizes stay below the limit: the scan stops as soon as the whole document passes it.</summary>
    private static void Grow(Stack<(string? Anchor, long Size)> open, long nodes)
    {
        if (open.TryPop(out var parent))
        {
            open.Push((parent.Anchor, parent.Size + nodes));
        }
    }
}
