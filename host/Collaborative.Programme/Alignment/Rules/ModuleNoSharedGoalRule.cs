using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class ModuleNoSharedGoalRule : AlignmentRule
{
    public override string Id => "module.no-shared-goal";

    public override string PrincipleId => Principle.DefineTogether;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A module's measures feed no shared goal";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied)
    {
        // A module's measures: those the programme says it reports, and those it says it contributes.
        var modules = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var measure in context.Programme.Measures.Where(m => m.Module is not null))
        {
            Measures(modules, measure.Module!).Add(measure.Id);
        }

        foreach (var module in context.Modules)
        {
            Measures(modules, module.ModuleId).UnionWith(module.MeasureIds);
        }

        foreach (var (moduleId, measures) in modules.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (measures.Any(m => context.GoalsFedBy(m).Any()))
            {
                continue;
            }

            yield return applied.Finding("module", moduleId,
                measures.Count == 0
                    ? $"Module '{moduleId}' contributes no measures."
                    : $"Module '{moduleId}' reports {measures.Count} measure{(measures.Count == 1 ? string.Empty : "s")} ({string.Join(", ", measures.Order(StringComparer.Ordinal))}), none of which feeds a shared goal.",
                "A module whose work serves no shared goal does not serve the shared purpose; it costs a partner time and attention.",
                "Link the module's measures to the shared goals they serve, or retire the module from the programme.");
        }
    }

    private static HashSet<string> Measures(Dictionary<string, HashSet<string>> modules, string moduleId)
    {
        if (!modules.TryGetValue(moduleId, out var measures))
        {
            measures = new HashSet<string>(StringComparer.Ordinal);
            modules[moduleId] = measures;
        }

        return measures;
    }
}
