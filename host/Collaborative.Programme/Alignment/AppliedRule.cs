using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>A rule with the programme's settings applied: the severity, principle and parameters it reports with.</summary>
public sealed record AppliedRule(AlignmentRule Rule, Severity Severity, string PrincipleId, ImmutableDictionary<string, int> Parameters)
{
    public int Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : (Rule.FindParameter(name) ?? throw new ArgumentException($"rule '{Rule.Id}' has no parameter '{name}'", nameof(name))).Default;

    /// <summary>A finding from this rule, raised by the host.</summary>
    public AlignmentFinding Finding(string subjectKind, string subjectId, string what, string why, string action) => new()
    {
        RuleId = Rule.Id,
        PrincipleId = PrincipleId,
        Severity = Severity,
        SubjectKind = subjectKind,
        SubjectId = subjectId,
        What = what,
        Why = why,
        Action = action,
        Source = AlignmentRule.HostSource,
    };
}
