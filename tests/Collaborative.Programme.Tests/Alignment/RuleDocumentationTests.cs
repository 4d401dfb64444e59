using Collaborative.Contracts.V1;
using Collaborative.Programme.Alignment;

namespace Collaborative.Programme.Tests.Alignment;

/// <summary>The Programme README's rule table is what programme authors read: it must list every built-in rule as it is.</summary>
public sealed class RuleDocumentationTests
{
    [Fact]
    public void ReadmeRuleTable_ListsEveryBuiltInRule_WithItsPrincipleAndDefaultSeverity()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "host", "Collaborative.Programme", "README.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var rows = File.ReadAllLines(Path.Combine(directory.FullName, "host", "Collaborative.Programme", "README.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(c => c[1].Trim('`'), c => (Principle: c[2], Severity: c[3]));

        Assert.All(BuiltInAlignmentRules.All, rule =>
        {
            Assert.True(rows.TryGetValue(rule.Id, out var row), $"rule '{rule.Id}' is not in the README's table");
            Assert.Equal((rule.PrincipleId, rule.DefaultSeverity.ToString().ToLowerInvariant()), row);
        });
        Assert.Equal(Severity.Warning, BuiltInAlignmentRules.Find("goal.no-driver-diagram")!.DefaultSeverity);
    }
}
