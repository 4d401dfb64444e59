using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>
/// A built-in alignment check, reported under a principle. The rule decides what is wrong; the programme
/// decides (in its alignment settings) whether it runs, how severe it is and under which principle.
/// </summary>
public abstract class AlignmentRule
{
    /// <summary>The <c>source</c> of findings raised by built-in rules.</summary>
    public const string HostSource = "host";

    /// <summary>Stable id such as "goal.single-owner": used in settings, findings and dashboards.</summary>
    public abstract string Id { get; }

    public abstract string PrincipleId { get; }

    public abstract Severity DefaultSeverity { get; }

    /// <summary>One line saying what the rule looks for.</summary>
    public abstract string Title { get; }

    /// <summary>Tunable whole-number parameters, their defaults and ranges.</summary>
    public virtual ImmutableArray<RuleParameter> Parameters => [];

    public RuleParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public abstract IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied);
}
