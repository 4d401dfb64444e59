using System.Collections.Immutable;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Alignment;

/// <summary>Nothing a programme may set, on any day a check may run, makes a method rule fail.</summary>
public sealed class MethodRuleLimitsTests
{
    public static TheoryData<bool, string> Extremes() => new()
    {
        { true, "1900-01-01" }, { false, "1900-01-01" }, { true, "9998-12-31" }, { false, "9998-12-31" },
    };

    [Theory]
    [MemberData(nameof(Extremes))]
    public void EveryMethodRuleParameterAtItsLimits_OnTheFirstAndLastDay_ChecksWithoutFailing(bool lowest, string day)
    {
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        string[] ruleIds = ["change-idea.no-recent-pdsa", "goal.driver-diagram-not-reviewed", "goal.no-progress-score", "programme.no-learning-event"];
        var settings = ruleIds.Select(id => BuiltInAlignmentRules.Find(id)!).Select(rule => new AlignmentRuleSetting
        {
            RuleId = rule.Id,
            Parameters = rule.Parameters.ToImmutableDictionary(p => p.Name, p => (int)(lowest ? p.Range.Minimum : p.Range.Maximum)),
        });
        var programme = WithGoal(g => g with { DriverDiagram = g.DriverDiagram! with { Reviewed = AlignmentContext.EarliestAsOf } }) with { AlignmentRules = [.. settings] };
        var atTheEdges = new MethodSnapshot(
            [Cycle with { Started = AlignmentContext.EarliestAsOf, Recorded = AlignmentContext.LatestAsOf }],
            [],
            [Score with { Month = Period.Month(1900, 1) }, Score with { Month = Period.Month(9998, 12) }],
            [Session with { Date = AlignmentContext.EarliestAsOf }, Session with { Id = "last", Date = AlignmentContext.LatestAsOf }]);

        foreach (var method in new[] { atTheEdges, MethodSnapshot.Empty })
        {
            var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ObservationLedger.Empty, asOf, method: method));
            Assert.Equal(asOf, summary.AsOf);
        }

        // With no records at all, every record rule speaks, at either end of the calendar.
        var empty = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ObservationLedger.Empty, asOf, method: MethodSnapshot.Empty));
        Assert.Contains(empty.Findings, f => f.RuleId == "programme.no-learning-event");
    }
}
