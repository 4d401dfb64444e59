using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Writes a programme in the file format <see cref="YamlProgrammeLoader"/> reads, so a programme changed
/// through the API can be exported and edited as a file again. Loading what this writes gives the same
/// programme; the five default principles are left out, as the loader adds them.
/// </summary>
public static class YamlProgrammeWriter
{
    public static string Write(ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var root = new YamlMappingNode();
        Add(root, "id", programme.Id);
        Add(root, "name", programme.Name);
        Add(root, "shared_purpose", programme.SharedPurpose);
        Add(root, "vision", programme.Vision);
        AddList(root, "principles", programme.Principles.Where(p => !p.IsDefault), p => Map(
            ("id", Text(p.Id)), ("title", Text(p.Title)), ("description", Text(p.Description))));
        AddList(root, "partners", programme.Partners, p => Map(
            ("id", Text(p.Id)),
            ("name", Text(p.Name)),
            ("kind", Text(Snake(p.Kind.ToString()))),
            ("services", List(p.Services, s => Flow(Map(
                ("id", Text(s.Id)), ("name", Text(s.Name)), ("side", Text(s.Side == ServiceSide.Clinical ? "clinical" : "corporate"))))))));
        AddList(root, "communities", programme.Communities, c => Map(
            ("id", Text(c.Id)), ("name", Text(c.Name)), ("purpose", Text(c.Purpose)),
            ("members", TextList(c.Members)), ("goals", TextList(c.Goals))));
        AddList(root, "measures", programme.Measures, m => Map(
            ("id", Text(m.Id)), ("name", Text(m.Name)), ("unit", Text(m.Unit)), ("definition", Text(m.Definition)),
            ("numerator", Text(m.Numerator)), ("denominator", Text(m.Denominator)),
            ("period", Text(m.Period == PeriodKind.Month ? "month" : "week")),
            ("improvement", Text(Direction(m.Improvement))), ("module", Text(m.Module))));
        AddList(root, "goals", programme.Goals, Goal);
        if (!programme.AlignmentRules.IsEmpty)
        {
            var rules = new YamlMappingNode();
            foreach (var setting in programme.AlignmentRules)
            {
                var fields = new List<(string, YamlNode?)>
                {
                    ("enabled", setting.Enabled is { } enabled ? Plain(enabled ? "true" : "false") : null),
                    ("severity", setting.Severity is { } severity ? Text(SeverityName(severity)) : null),
                    ("principle", Text(setting.Principle)),
                };
                fields.AddRange(setting.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => (p.Key, (YamlNode?)Plain(p.Value.ToString(CultureInfo.InvariantCulture)))));
                rules.Add(setting.RuleId, Flow(Map([.. fields])));
            }

            root.Add("alignment", new YamlMappingNode { { "rules", rules } });
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // YamlStream ends a document with "...", which a person editing the file does not need.
        return text.EndsWith("...\n", StringComparison.Ordinal) || text.EndsWith("..." + Environment.NewLine, StringComparison.Ordinal)
            ? text[..text.LastIndexOf("...", StringComparison.Ordinal)]
            : text;
    }

    private static YamlMappingNode Goal(SharedGoal g) => Map(
        ("id", Text(g.Id)),
        ("title", Text(g.Title)),
        ("aim", Map(("what", Text(g.Aim.What)), ("how_much", Text(g.Aim.HowMuch)), ("by_when", Date(g.Aim.ByWhen)))),
        ("measure", Text(g.Measure)),
        ("baseline", g.Baseline is { } b
            ? Flow(Map(("value", Number(b.Value)), ("from", Text(b.From?.Label)), ("periods", Number(b.Periods))))
            : null),
        ("target", Number(g.Target)),
        ("improvement", g.Improvement is { } direction ? Text(Direction(direction)) : null),
        ("co_owners", TextList(g.CoOwners)),
        ("executive_sponsor", Leader(g.ExecutiveSponsor)),
        ("clinical_lead", Leader(g.ClinicalLead)),
        ("lived_experience", g.LivedExperience.IsEmpty ? null : List(g.LivedExperience, Text)),
        ("communities", TextList(g.Communities)),
        ("team", TextList(g.Team.Select(t => t.ToString()))),
        ("changes", g.Changes.IsEmpty ? null : List(g.Changes, c => Flow(Map(
            ("period", Text(c.Period.Label)), ("reason", Text(c.Reason)), ("baseline_periods", Number(c.BaselinePeriods)))))),
        ("driver_diagram", g.DriverDiagram is { } d ? Diagram(d) : null));

    private static YamlMappingNode Diagram(DriverDiagram diagram) => Map(
        ("reviewed", Date(diagram.Reviewed)),
        ("primary_drivers", List(diagram.PrimaryDrivers, p => Map(
            ("id", Text(p.Id)),
            ("title", Text(p.Title)),
            ("secondary_drivers", p.SecondaryDrivers.IsEmpty ? null : List(p.SecondaryDrivers, s => Map(
                ("id", Text(s.Id)),
                ("title", Text(s.Title)),
                ("change_ideas", s.ChangeIdeas.IsEmpty ? null : List(s.ChangeIdeas, i => Flow(Map(
                    ("id", Text(i.Id)), ("title", Text(i.Title)), ("measure", Text(i.Measure)), ("owners", TextList(i.Owners)))))))))))));

    private static YamlNode? Leader(Leader? leader) => leader is null ? null : Flow(Map(
        ("name", Text(leader.Name)), ("role", Text(leader.Role)), ("partner", Text(leader.Partner))));

    private static YamlMappingNode Map(params (string Key, YamlNode? Value)[] fields)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in fields)
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }

        return map;
    }

    private static YamlMappingNode Flow(YamlMappingNode map)
    {
        map.Style = MappingStyle.Flow;
        return map;
    }

    private static YamlSequenceNode List<T>(IEnumerable<T> items, Func<T, YamlNode?> item) =>
        new(items.Select(item).OfType<YamlNode>());

    private static YamlNode? TextList(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : new YamlSequenceNode(list.Select(i => (YamlNode)Text(i)!)) { Style = SequenceStyle.Flow };
    }

    private static void Add(YamlMappingNode map, string key, string? value)
    {
        if (Text(value) is { } node)
        {
            map.Add(key, node);
        }
    }

    private static void AddList<T>(YamlMappingNode map, string key, IEnumerable<T> items, Func<T, YamlNode> item)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            map.Add(key, new YamlSequenceNode(list.Select(item)));
        }
    }

    /// <summary>
    /// Text the reader would take for "absent" or would misread in a flow list is quoted; the rest is
    /// left for the emitter to quote only where YAML needs it.
    /// </summary>
    private static YamlScalarNode? Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var quote = value is "~" || value.Equals("null", StringComparison.OrdinalIgnoreCase) || value.IndexOfAny([',', '[', ']', '{', '}', ':', '#']) >= 0;
        return new YamlScalarNode(value) { Style = quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private static YamlScalarNode? Number(double? value) =>
        value is { } v ? Plain(v.ToString("R", CultureInfo.InvariantCulture)) : null;

    private static YamlScalarNode? Number(int? value) =>
        value is { } v ? Plain(v.ToString(CultureInfo.InvariantCulture)) : null;

    private static YamlScalarNode? Date(DateOnly? value) =>
        value is { } v ? Plain(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;

    private static string Direction(ImprovementDirection direction) => direction.ToString().ToLowerInvariant();

    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
