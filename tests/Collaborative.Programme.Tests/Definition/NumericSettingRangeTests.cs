using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;

namespace Collaborative.Programme.Tests.Definition;

/// <summary>Every numeric setting of a programme file has a range, checked at load with the field named and placed.</summary>
public sealed class NumericSettingRangeTests
{
    public static TheoryData<string, string, int, string> OutOfRange => new()
    {
        { "    measure.stale-data: { periods: 120001 }", "alignment.rules[measure.stale-data].periods", 37, "'periods' must be from 1 to 520, not 120,001" },
        { "    measure.stale-data: { periods: 2147483647 }", "alignment.rules[measure.stale-data].periods", 37, "'periods' must be from 1 to 520, not 2,147,483,647" },
        { "    measure.stale-data: { periods: 0 }", "alignment.rules[measure.stale-data].periods", 37, "'periods' must be from 1 to 520, not 0" },
        { "    programme.too-many-goals: { max_goals: 1001 }", "alignment.rules[programme.too-many-goals].max_goals", 37, "'max_goals' must be from 0 to 1,000, not 1,001" },
        { "    programme.too-many-goals: { max_goals: -1 }", "alignment.rules[programme.too-many-goals].max_goals", 37, "'max_goals' must be from 0 to 1,000, not -1" },
    };

    public static TheoryData<int, string, string, string> GoalFieldsOutOfRange => new()
    {
        { 28, "    baseline: { value: 12, periods: 521 }", "goals[0].baseline.periods", "'periods' must be from 1 to 520, not 521" },
        { 28, "    baseline: { value: 12, periods: 0 }", "goals[0].baseline.periods", "'periods' must be from 1 to 520, not 0" },
        { 28, "    baseline: { value: 1e13, periods: 15 }", "goals[0].baseline.value", "'value' must be from -1,000,000,000,000 to 1,000,000,000,000, not 10,000,000,000,000" },
        { 29, "    target: -2e12", "goals[0].target", "'target' must be from -1,000,000,000,000 to 1,000,000,000,000, not -2,000,000,000,000" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Load_RuleParameterOutOfRange_IsRefusedNamingTheField(string line, string path, int lineNumber, string message)
    {
        var refused = Assert.Throws<ProgrammeDefinitionException>(() =>
            YamlProgrammeLoader.Load(MiniProgramme.Plus("alignment:", "  rules:", line), MiniProgramme.FileName));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((path, lineNumber, message), (error.Path, error.Line!.Value, error.Message));
    }

    [Theory]
    [MemberData(nameof(GoalFieldsOutOfRange))]
    public void Load_GoalNumberOutOfRange_IsRefusedNamingTheField(int lineNumber, string line, string path, string message)
    {
        var refused = Assert.Throws<ProgrammeDefinitionException>(() =>
            YamlProgrammeLoader.Load(MiniProgramme.With((lineNumber, line)), MiniProgramme.FileName));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((path, lineNumber, message), (error.Path, error.Line!.Value, error.Message));
    }

    [Fact]
    public void Load_ChangeBaselinePeriodsOutOfRange_IsRefusedNamingTheField()
    {
        var refused = Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.Load(
            MiniProgramme.Plus("    changes:", "      - { period: 2025-04, baseline_periods: 600 }"), MiniProgramme.FileName));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("goals[0].changes[0].baseline_periods", 36), (error.Path, error.Line!.Value));
        Assert.Equal("'baseline_periods' must be from 1 to 520, not 600", error.Message);
    }

    [Fact]
    public void EveryNumericSettingAtItsLimits_IsAcceptedAndCheckedWithoutFailing()
    {
        var yaml = MiniProgramme.With((28, "    baseline: { value: -1e12, periods: 520 }"), (29, "    target: 1e12")) + string.Join("\n",
            "    changes:",
            "      - { period: 2025-04, baseline_periods: 520 }",
            "alignment:",
            "  rules:",
            "    measure.stale-data: { periods: 520 }",
            "    programme.too-many-goals: { max_goals: 0 }") + "\n";
        var programme = YamlProgrammeLoader.Load(yaml, MiniProgramme.FileName);

        // The check a leader runs on the first day there is: the stale-data window reaches 520 months back.
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ObservationLedger.Empty, new DateOnly(2026, 11, 30)));

        Assert.Contains(summary.Findings, f => f.RuleId == "measure.stale-data");
        Assert.DoesNotContain(summary.Findings, f => f.RuleId == "programme.too-many-goals");
    }
}
