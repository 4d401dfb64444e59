using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Programme.Alignment;

/// <summary>
/// Runs the built-in rules with the programme's settings, adds the findings plugins contributed through
/// EvaluateAlignment, and summarises per principle. Pure: the same snapshot gives the same summary.
/// </summary>
public static class AlignmentEvaluator
{
    public static AlignmentSummary Evaluate(AlignmentContext context, IEnumerable<AlignmentFinding>? contributed = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = ImmutableArray.CreateBuilder<AlignmentFinding>();
        foreach (var applied in Apply(context.Programme))
        {
            findings.AddRange(applied.Rule.Evaluate(context, applied));
        }

        foreach (var finding in contributed ?? [])
        {
            // Plugins are outside the host's control: a finding without a source or severity is still
            // shown, as the plugin's and as information, rather than dropped.
            var copy = finding.Clone();
            if (string.IsNullOrEmpty(copy.Source))
            {
                copy.Source = "plugin";
            }

            if (copy.Severity == Severity.Unspecified)
            {
                copy.Severity = Severity.Info;
            }

            findings.Add(copy);
        }

        return Summarise(context, findings.ToImmutable());
    }

    /// <summary>The built-in rules that run for a programme, with severity, principle and parameters from its settings.</summary>
    public static IEnumerable<AppliedRule> Apply(Definition.ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var settings = programme.AlignmentRules.ToDictionary(s => s.RuleId, StringComparer.Ordinal);
        foreach (var rule in BuiltInAlignmentRules.All)
        {
            var setting = settings.GetValueOrDefault(rule.Id);
            if (setting?.Enabled == false)
            {
                continue;
            }

            yield return new AppliedRule(
                rule,
                setting?.Severity ?? rule.DefaultSeverity,
                setting?.Principle ?? rule.PrincipleId,
                setting?.Parameters ?? ImmutableDictionary<string, int>.Empty);
        }
    }

    private static AlignmentSummary Summarise(AlignmentContext context, ImmutableArray<AlignmentFinding> findings)
    {
        var known = context.Programme.Principles.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var byPrinciple = findings.ToLookup(f => known.Contains(f.PrincipleId) ? f.PrincipleId : AlignmentSummary.OtherPrincipleId);
        var principles = context.Programme.Principles
            .Select(p => new PrincipleAlignment { PrincipleId = p.Id, Title = p.Title, Findings = [.. byPrinciple[p.Id]] })
            .ToImmutableArray();
        if (byPrinciple.Contains(AlignmentSummary.OtherPrincipleId))
        {
            principles = principles.Add(new PrincipleAlignment
            {
                PrincipleId = AlignmentSummary.OtherPrincipleId,
                Title = "Other (findings naming no principle of this programme)",
                Findings = [.. byPrinciple[AlignmentSummary.OtherPrincipleId]],
            });
        }

        return new AlignmentSummary { AsOf = context.AsOf, Findings = findings, Principles = principles };
    }
}
