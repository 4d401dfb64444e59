using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment;

/// <summary>A whole-number setting of an alignment rule: its name in the programme file, its default, and the range a programme may set.</summary>
public sealed record RuleParameter(string Name, int Default, SettingRange Range);
