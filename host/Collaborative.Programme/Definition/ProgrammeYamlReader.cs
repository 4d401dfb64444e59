using System.Collections.Immutable;
using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Collaborative.Programme.Definition;

/// <summary>
/// Turns a parsed YAML document into a programme, field by field, remembering where every field was so
/// that later errors (from <see cref="ProgrammeValidator"/>) can be given a line and column too. Reads
/// the representation model rather than deserialising, because a deserialiser stops at the first
/// problem and forgets positions.
/// </summary>
internal sealed class ProgrammeYamlReader
{
    private static readonly string[] TopKeys =
        ["id", "name", "shared_purpose", "vision", "principles", "partners", "communities", "measures", "goals", "alignment"];

    private static readonly Dictionary<string, PartnerKind> PartnerKinds = new()
    {
        ["acute"] = PartnerKind.Acute,
        ["community"] = PartnerKind.Community,
        ["mental_health"] = PartnerKind.MentalHealth,
        ["primary_care"] = PartnerKind.PrimaryCare,
        ["icb"] = PartnerKind.Icb,
        ["hospice"] = PartnerKind.Hospice,
        ["voluntary"] = PartnerKind.Voluntary,
        ["local_authority"] = PartnerKind.LocalAuthority,
        ["healthwatch"] = PartnerKind.Healthwatch,
        ["university"] = PartnerKind.University,
    };

    private static readonly Dictionary<string, ServiceSide> Sides = new()
    {
        ["clinical"] = ServiceSide.Clinical,
        ["corporate"] = ServiceSide.CorporateSupport,
        ["corporate_support"] = ServiceSide.CorporateSupport,
    };

    private static readonly Dictionary<string, PeriodKind> PeriodKinds = new()
    {
        ["month"] = PeriodKind.Month,
        ["week"] = PeriodKind.Week,
    };

    private static readonly Dictionary<string, ImprovementDirection> Directions = new()
    {
        ["higher"] = ImprovementDirection.Higher,
        ["lower"] = ImprovementDirection.Lower,
        ["none"] = ImprovementDirection.None,
    };

    private static readonly Dictionary<string, Severity> Severities = new()
    {
        ["info"] = Severity.Info,
        ["warning"] = Severity.Warning,
        ["error"] = Severity.Error,
    };

    private readonly List<ProgrammeError> _errors = [];
    private readonly Dictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    public IReadOnlyList<ProgrammeError> Errors => _errors;

    public ProgrammeDefinition Read(YamlNode root)
    {
        _marks[string.Empty] = root.Start;
        if (root is not YamlMappingNode)
        {
            Error(string.Empty, $"expected a mapping with {string.Join(", ", TopKeys)}; found {Describe(root)}");
            return new ProgrammeDefinition { Id = string.Empty, Name = string.Empty, SharedPurpose = string.Empty };
        }

        var top = new Fields(this, (YamlMappingNode)root, string.Empty, TopKeys);
        var measures = top.Items("measures").Select(i => ReadMeasure(i.Node, i.Path)).OfType<Measure>().ToImmutableArray();
        var periodKinds = measures.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First().Period, StringComparer.Ordinal);
        return new ProgrammeDefinition
        {
            Id = top.Text("id"),
            Name = top.Text("name"),
            SharedPurpose = top.Text("shared_purpose"),
            Vision = top.OptionalText("vision") ?? string.Empty,
            Principles = [.. Principle.Defaults, .. top.Items("principles").Select(i => ReadPrinciple(i.Node, i.Path)).OfType<Principle>()],
            Partners = [.. top.Items("partners").Select(i => ReadPartner(i.Node, i.Path)).OfType<PartnerOrganisation>()],
            Communities = [.. top.Items("communities").Select(i => ReadCommunity(i.Node, i.Path)).OfType<ClinicalCommunity>()],
            Measures = measures,
            Goals = [.. top.Items("goals").Select(i => ReadGoal(i.Node, i.Path, periodKinds)).OfType<SharedGoal>()],
            AlignmentRules = ReadAlignment(top.Mapping("alignment", ["rules"])),
        };
    }

    /// <summary>Gives an error the position of its field, or of the nearest enclosing field that exists in the file.</summary>
    public ProgrammeError Locate(ProgrammeError error, string file)
    {
        var path = error.Path;
        while (!_marks.ContainsKey(path) && path.Length > 0)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut < 0 ? string.Empty : path[..cut];
        }

        var mark = _marks.TryGetValue(path, out var found) ? found : Mark.Empty;
        return error with { File = file, Line = (int)Math.Max(1, mark.Line), Column = (int)Math.Max(1, mark.Column) };
    }

    private Principle? ReadPrinciple(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "title", "description"]);
        return fields is null ? null : new Principle
        {
            Id = fields.Text("id"),
            Title = fields.Text("title"),
            Description = fields.OptionalText("description") ?? string.Empty,
        };
    }

    private PartnerOrganisation? ReadPartner(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "name", "kind", "services"]);
        if (fields is null)
        {
            return null;
        }

        var kind = fields.Choice("kind", PartnerKinds, required: true);
        return new PartnerOrganisation
        {
            Id = fields.Text("id"),
            Name = fields.Text("name"),
            Kind = kind ?? PartnerKind.Acute,
            Services = [.. fields.Items("services").Select(i => ReadService(i.Node, i.Path)).OfType<PartnerService>()],
        };
    }

    private PartnerService? ReadService(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "name", "side"]);
        if (fields is null)
        {
            return null;
        }

        var side = fields.Choice("side", Sides, required: true);
        return new PartnerService { Id = fields.Text("id"), Name = fields.Text("name"), Side = side ?? ServiceSide.Clinical };
    }

    private ClinicalCommunity? ReadCommunity(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "name", "purpose", "members", "goals"]);
        return fields is null ? null : new ClinicalCommunity
        {
            Id = fields.Text("id"),
            Name = fields.Text("name"),
            Purpose = fields.OptionalText("purpose") ?? string.Empty,
            Members = fields.TextList("members"),
            Goals = fields.TextList("goals"),
        };
    }

    private Measure? ReadMeasure(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path,
            ["id", "name", "unit", "definition", "numerator", "denominator", "period", "improvement", "module"]);
        if (fields is null)
        {
            return null;
        }

        var period = fields.Choice("period", PeriodKinds, required: true);
        var improvement = fields.Choice("improvement", Directions, required: true);
        return new Measure
        {
            Id = fields.Text("id"),
            Name = fields.Text("name"),
            Unit = fields.Text("unit"),
            Definition = fields.Text("definition"),
            Numerator = fields.OptionalText("numerator"),
            Denominator = fields.OptionalText("denominator"),
            Period = period ?? PeriodKind.Month,
            Improvement = improvement ?? ImprovementDirection.None,
            Module = fields.OptionalText("module"),
        };
    }

    private SharedGoal? ReadGoal(YamlNode node, string path, Dictionary<string, PeriodKind> periodKinds)
    {
        var fields = Fields.Open(this, node, path,
        [
            "id", "title", "aim", "measure", "baseline", "target", "improvement", "co_owners", "executive_sponsor",
            "clinical_lead", "lived_experience", "communities", "team", "changes", "driver_diagram",
        ]);
        if (fields is null)
        {
            return null;
        }

        var measureId = fields.Text("measure");

        // Periods are only meaningful against the measure's period kind; an unknown measure is reported
        // by the validator, and its periods cannot be read until it is fixed.
        PeriodKind? kind = periodKinds.TryGetValue(measureId, out var k) ? k : null;
        var aim = fields.Mapping("aim", ["what", "how_much", "by_when"]);
        var baseline = fields.Mapping("baseline", ["value", "from", "periods"]);
        return new SharedGoal
        {
            Id = fields.Text("id"),
            Title = fields.Text("title"),
            Aim = new AimStatement
            {
                What = aim?.Text("what") ?? string.Empty,
                HowMuch = aim?.OptionalText("how_much") ?? string.Empty,
                ByWhen = aim?.Date("by_when"),
            },
            Measure = measureId,
            Baseline = baseline is null ? null : new GoalBaseline
            {
                Value = baseline.Number("value"),
                From = kind is { } fromKind ? baseline.PeriodOf("from", fromKind) : null,
                Periods = baseline.Integer("periods"),
            },
            Target = fields.Number("target"),
            Improvement = fields.Choice("improvement", Directions, required: false),
            CoOwners = fields.TextList("co_owners"),
            ExecutiveSponsor = ReadLeader(fields.Mapping("executive_sponsor", ["name", "role", "partner"])),
            ClinicalLead = ReadLeader(fields.Mapping("clinical_lead", ["name", "role", "partner"])),
            LivedExperience = fields.TextList("lived_experience"),
            Communities = fields.TextList("communities"),
            Team = [.. fields.TextListWithPaths("team").Select(t => ReadServiceReference(t.Text, t.Path)).OfType<ServiceReference>()],
            Changes = kind is { } changeKind
                ? [.. fields.Items("changes").Select(i => ReadChange(i.Node, i.Path, changeKind)).OfType<ProcessChange>()]
                : [],
            DriverDiagram = ReadDriverDiagram(fields.Mapping("driver_diagram", ["reviewed", "primary_drivers"])),
        };
    }

    private DriverDiagram? ReadDriverDiagram(Fields? fields) => fields is null ? null : new DriverDiagram
    {
        Reviewed = fields.Date("reviewed"),
        PrimaryDrivers = [.. fields.Items("primary_drivers").Select(i => ReadPrimaryDriver(i.Node, i.Path)).OfType<PrimaryDriver>()],
    };

    private PrimaryDriver? ReadPrimaryDriver(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "title", "secondary_drivers"]);
        return fields is null ? null : new PrimaryDriver
        {
            Id = fields.Text("id"),
            Title = fields.Text("title"),
            SecondaryDrivers = [.. fields.Items("secondary_drivers").Select(i => ReadSecondaryDriver(i.Node, i.Path)).OfType<SecondaryDriver>()],
        };
    }

    private SecondaryDriver? ReadSecondaryDriver(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "title", "change_ideas"]);
        return fields is null ? null : new SecondaryDriver
        {
            Id = fields.Text("id"),
            Title = fields.Text("title"),
            ChangeIdeas = [.. fields.Items("change_ideas").Select(i => ReadChangeIdea(i.Node, i.Path)).OfType<ChangeIdea>()],
        };
    }

    private ChangeIdea? ReadChangeIdea(YamlNode node, string path)
    {
        var fields = Fields.Open(this, node, path, ["id", "title", "measure", "owners"]);
        return fields is null ? null : new ChangeIdea
        {
            Id = fields.Text("id"),
            Title = fields.Text("title"),
            Measure = fields.OptionalText("measure"),
            Owners = fields.TextList("owners"),
        };
    }

    private static Leader? ReadLeader(Fields? fields) => fields is null ? null : new Leader
    {
        Name = fields.Text("name"),
        Role = fields.OptionalText("role") ?? string.Empty,
        Partner = fields.Text("partner"),
    };

    private ServiceReference? ReadServiceReference(string text, string path)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            Error(path, $"'{text}' is not a team service; expected 'partner/service', e.g. 'acute-trust/palliative-care'");
            return null;
        }

        return new ServiceReference(text[..slash].Trim(), text[(slash + 1)..].Trim());
    }

    private ProcessChange? ReadChange(YamlNode node, string path, PeriodKind kind)
    {
        var fields = Fields.Open(this, node, path, ["period", "reason", "baseline_periods"]);
        if (fields is null)
        {
            return null;
        }

        var period = fields.PeriodOf("period", kind);
        if (period is null)
        {
            // An unreadable period was reported by PeriodOf; only a missing one needs saying here.
            if (!fields.HasValue("period"))
            {
                Error(path + ".period", $"missing required field 'period'; expected the first {kind.ToString().ToLowerInvariant()} of the changed process");
            }

            return null;
        }

        return new ProcessChange
        {
            Period = period.Value,
            Reason = fields.OptionalText("reason") ?? string.Empty,
            BaselinePeriods = fields.Integer("baseline_periods"),
        };
    }

    private ImmutableArray<AlignmentRuleSetting> ReadAlignment(Fields? alignment)
    {
        var rules = alignment?.Mapping("rules", allowed: null);
        if (rules is null)
        {
            return [];
        }

        var settings = ImmutableArray.CreateBuilder<AlignmentRuleSetting>();
        foreach (var (ruleId, node) in rules.Entries())
        {
            var path = $"alignment.rules[{ruleId}]";
            _marks[path] = node.Start;
            var fields = Fields.Open(this, node, path, allowed: null);
            if (fields is null)
            {
                continue;
            }

            var parameters = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            foreach (var (name, _) in fields.Entries().Where(e => e.Key is not ("enabled" or "severity" or "principle")))
            {
                if (fields.Integer(name) is { } value)
                {
                    parameters[name] = value;
                }
            }

            settings.Add(new AlignmentRuleSetting
            {
                RuleId = ruleId,
                Enabled = fields.Flag("enabled"),
                Severity = fields.Choice("severity", Severities, required: false),
                Principle = fields.OptionalText("principle"),
                Parameters = parameters.ToImmutable(),
            });
        }

        return settings.ToImmutable();
    }

    private void Error(string path, string message) => _errors.Add(new ProgrammeError { Path = path, Message = message });

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The fields of one YAML mapping, read with type checks; unknown keys are errors (typos should not pass silently).</summary>
    private sealed class Fields
    {
        private readonly ProgrammeYamlReader _reader;
        private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
        private readonly List<(string Key, YamlNode Value)> _entries = [];
        private readonly string _path;

        public Fields(ProgrammeYamlReader reader, YamlMappingNode node, string path, IReadOnlyCollection<string>? allowed)
        {
            _reader = reader;
            _path = path;
            foreach (var (keyNode, value) in node.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    reader._marks[path] = node.Start;
                    reader.Error(path, $"expected a field name, found {Describe(keyNode)}");
                    continue;
                }

                var child = Join(path, key);
                if (allowed is not null && !allowed.Contains(key))
                {
                    reader._marks[child] = keyNode.Start;
                    reader.Error(child, $"unknown field '{key}'; expected one of {string.Join(", ", allowed)}");
                    continue;
                }

                reader._marks[child] = value.Start;
                _values[key] = value;
                _entries.Add((key, value));
            }
        }

        public static Fields? Open(ProgrammeYamlReader reader, YamlNode node, string path, IReadOnlyCollection<string>? allowed)
        {
            reader._marks.TryAdd(path, node.Start);
            if (node is YamlMappingNode mapping)
            {
                return new Fields(reader, mapping, path, allowed);
            }

            reader.Error(path, allowed is null
                ? $"expected a mapping; found {Describe(node)}"
                : $"expected a mapping with {string.Join(", ", allowed)}; found {Describe(node)}");
            return null;
        }

        public IEnumerable<(string Key, YamlNode Value)> Entries() => _entries;

        public bool HasValue(string key) => _values.TryGetValue(key, out var node) && !IsNull(node);

        public string Text(string key) => OptionalText(key) ?? string.Empty;

        public string? OptionalText(string key)
        {
            var value = Scalar(key)?.Value?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public double? Number(string key)
        {
            var scalar = Scalar(key);
            if (scalar is null)
            {
                return null;
            }

            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            _reader.Error(Join(_path, key), $"'{scalar.Value}' is not a number; expected e.g. 13 or 12.5");
            return null;
        }

        public int? Integer(string key)
        {
            var scalar = Scalar(key);
            if (scalar is null)
            {
                return null;
            }

            if (int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            _reader.Error(Join(_path, key), $"'{scalar.Value}' is not a whole number; expected e.g. 12");
            return null;
        }

        public bool? Flag(string key)
        {
            var scalar = Scalar(key);
            switch (scalar?.Value?.ToLowerInvariant())
            {
                case null:
                    return null;
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    _reader.Error(Join(_path, key), $"'{scalar.Value}' is not true or false");
                    return null;
            }
        }

        public DateOnly? Date(string key)
        {
            var scalar = Scalar(key);
            if (scalar is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            _reader.Error(Join(_path, key), $"'{scalar.Value}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31");
            return null;
        }

        public Period? PeriodOf(string key, PeriodKind kind)
        {
            var scalar = Scalar(key);
            if (scalar is null)
            {
                return null;
            }

            if (Period.TryParse(scalar.Value, kind, out var period, out var error))
            {
                return period;
            }

            _reader.Error(Join(_path, key), error);
            return null;
        }

        public T? Choice<T>(string key, Dictionary<string, T> options, bool required)
            where T : struct
        {
            var scalar = Scalar(key);
            var expected = string.Join(", ", options.Keys);
            if (scalar is null)
            {
                if (required)
                {
                    _reader.Error(Join(_path, key), $"missing required field '{key}'; expected one of {expected}");
                }

                return null;
            }

            var normalised = scalar.Value!.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (options.TryGetValue(normalised, out var value))
            {
                return value;
            }

            _reader.Error(Join(_path, key), $"'{scalar.Value}' is not a valid {key.Replace('_', ' ')}; expected one of {expected}");
            return null;
        }

        public ImmutableArray<string> TextList(string key) => [.. TextListWithPaths(key).Select(t => t.Text)];

        public IEnumerable<(string Text, string Path)> TextListWithPaths(string key)
        {
            foreach (var (node, path) in Items(key))
            {
                if (node is YamlScalarNode { Value: { Length: > 0 } text })
                {
                    yield return (text.Trim(), path);
                }
                else
                {
                    _reader.Error(path, $"expected text; found {Describe(node)}");
                }
            }
        }

        public IEnumerable<(YamlNode Node, string Path)> Items(string key)
        {
            if (!_values.TryGetValue(key, out var node) || IsNull(node))
            {
                yield break;
            }

            var path = Join(_path, key);
            if (node is not YamlSequenceNode sequence)
            {
                _reader.Error(path, $"expected a list; found {Describe(node)}");
                yield break;
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                _reader._marks[itemPath] = sequence.Children[i].Start;
                yield return (sequence.Children[i], itemPath);
            }
        }

        public Fields? Mapping(string key, IReadOnlyCollection<string>? allowed) =>
            _values.TryGetValue(key, out var node) && !IsNull(node) ? Open(_reader, node, Join(_path, key), allowed) : null;

        private YamlScalarNode? Scalar(string key)
        {
            if (!_values.TryGetValue(key, out var node) || IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                return scalar;
            }

            _reader.Error(Join(_path, key), $"expected a single value; found {Describe(node)}");
            return null;
        }

        /// <summary>"key:" with nothing after it, or "~", means absent, as YAML intends.</summary>
        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };
    }
}
