using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Definition;

public sealed class YamlProgrammeLoaderTests
{
    private static ProgrammeDefinitionException Refused(string yaml) =>
        Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.Load(yaml, MiniProgramme.FileName));

    private static ProgrammeError Single(string yaml) => Assert.Single(Refused(yaml).Errors);

    [Fact]
    public void Load_ValidFile_GivesTheWholeProgramme()
    {
        var programme = YamlProgrammeLoader.Load(MiniProgramme.Text, MiniProgramme.FileName);

        Assert.Equal("mini", programme.Id);
        Assert.Equal(PartnerKind.PrimaryCare, programme.Partners[1].Kind);
        Assert.Equal(ServiceSide.CorporateSupport, programme.Partners[0].Services[1].Side);
        var goal = Assert.Single(programme.Goals);
        Assert.Equal(new DateOnly(2026, 3, 31), goal.Aim.ByWhen);
        Assert.Equal("by a third", goal.Aim.HowMuch);
        Assert.Equal(15, goal.Baseline!.Periods);
        Assert.Equal(8, goal.Target);
        Assert.Equal(["acute", "gp"], goal.CoOwners.ToArray());
        Assert.Equal(new ServiceReference("acute", "info"), goal.Team[1]);
        Assert.Equal("Medical Director", goal.ExecutiveSponsor!.Role);
        Assert.Equal(ImprovementDirection.Lower, goal.DirectionFor(programme.Measures[0]));
        Assert.Equal(PeriodKind.Month, programme.Measures[0].Period);
        Assert.Equal(Principle.Defaults.Select(p => p.Id), programme.Principles.Select(p => p.Id));
    }

    [Fact]
    public void Load_UnclosedFlowList_IsASyntaxErrorWithItsPosition()
    {
        var error = Single(MiniProgramme.With((30, "    co_owners: [acute, gp")));

        Assert.Equal("mini.yaml", error.File);
        // The last good token is 'gp' (ends at column 22); the parser gives up after it.
        Assert.Equal((30, 22), (error.Line, error.Column));
        Assert.Equal("malformed YAML after this point: expected a value, a closing ']' or '}', or a key on a new line", error.Message);
    }

    [Fact]
    public void Load_TabIndentation_IsASyntaxErrorWithItsPosition()
    {
        var error = Single(MiniProgramme.With((6, "\tname: Acute trust")));

        // YamlDotNet reports the scalar the tab interrupted ('acute' on line 5) and notices it on line 6.
        Assert.Equal((5, 9), (error.Line, error.Column));
        Assert.Contains("tab", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("noticed at line 6", error.Message);
        Assert.StartsWith("mini.yaml:5:9: malformed YAML", error.ToString());
    }

    [Fact]
    public void Load_DuplicateKey_IsRefusedAtTheSecondKey()
    {
        var error = Single(MiniProgramme.With((29, "    target: 8\n    target: 9")));

        Assert.Equal(30, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("Duplicate key", error.Message);
    }

    [Fact]
    public void Load_UnknownPartnerInAGoal_NamesTheGoalAndThePartnerAtTheItem()
    {
        // "    co_owners: [acute, hospice]": 'hospice' starts at column 24.
        var error = Single(MiniProgramme.With((30, "    co_owners: [acute, hospice]")));

        Assert.Equal("goal 'fewer-opioids' names co-owner 'hospice', which is not a partner in the programme", error.Message);
        Assert.Equal("goals[0].co_owners[1]", error.Path);
        Assert.Equal((30, 24), (error.Line, error.Column));
        Assert.Equal("mini.yaml:30:24: goals[0].co_owners[1]: goal 'fewer-opioids' names co-owner 'hospice', which is not a partner in the programme", error.ToString());
    }

    [Fact]
    public void Load_UnknownServiceInATeam_SaysWhichServicesThePartnerHas()
    {
        var error = Single(MiniProgramme.With((34, "    team: [acute/pain, acute/estates, gp/practice]")));

        Assert.Equal("goal 'fewer-opioids' names team service 'acute/estates', but partner 'acute' has no service 'estates'; it has pain, info", error.Message);
        Assert.Equal((34, 24), (error.Line, error.Column));
    }

    [Fact]
    public void Load_DirectionNotHigherLowerOrNone_SaysWhatWasExpected()
    {
        var error = Single(MiniProgramme.With((22, "    improvement: down")));

        Assert.Equal("'down' is not a valid improvement; expected one of higher, lower, none", error.Message);
        Assert.Equal((22, 18), (error.Line, error.Column));
    }

    [Fact]
    public void Load_TargetDateNotADate_SaysTheExpectedForm()
    {
        var error = Single(MiniProgramme.With((26, "    aim: { what: Reduce prescribing, by_when: 31/03/2026 }")));

        Assert.Equal("'31/03/2026' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31", error.Message);
        Assert.Equal("goals[0].aim.by_when", error.Path);
        Assert.Equal((26, 47), (error.Line, error.Column));
    }

    [Fact]
    public void Load_ManyProblems_AreAllReportedAtOnceInFileOrder()
    {
        var yaml = MiniProgramme.With(
            (7, "    kind: hospital"),               // not a kind of partner
            (19, "    units: per 1000 patients"),   // unknown field, so 'unit' is missing too
            (27, "    measure: opioid-rate"),       // unknown measure
            (29, "    target: eight"));              // not a number
        var errors = Refused(yaml).Errors;

        Assert.Collection(errors,
            e => Assert.Equal((7, "'hospital' is not a valid kind; expected one of acute, community, mental_health, primary_care, icb, hospice, voluntary, local_authority, healthwatch, university"), (e.Line, e.Message)),
            e => Assert.Equal((17, "missing required field 'unit'"), (e.Line, e.Message)),
            e => Assert.Equal((19, "unknown field 'units'; expected one of id, name, unit, definition, numerator, denominator, period, improvement, module"), (e.Line, e.Message)),
            e => Assert.Equal((27, "goal 'fewer-opioids' names measure 'opioid-rate', which is not a measure in the programme"), (e.Line, e.Message)),
            e => Assert.Equal((29, "'eight' is not a number; expected e.g. 13 or 12.5"), (e.Line, e.Message)));
        Assert.All(errors, e => Assert.Equal("mini.yaml", e.File));
        Assert.Contains("5 errors", Refused(yaml).Message);
    }

    [Fact]
    public void Load_MissingRequiredEnum_SaysWhatItCanBe()
    {
        var error = Single(MiniProgramme.With((21, "    # no period")));

        Assert.Equal("missing required field 'period'; expected one of month, week", error.Message);
        Assert.Equal("measures[0].period", error.Path);
        Assert.Equal(17, error.Line);
    }

    [Fact]
    public void Load_BadIdAndUnknownCommunityAndLeaderPartner_AreReported()
    {
        var yaml = MiniProgramme.With((24, "  - id: Fewer Opioids"), (32, "    clinical_lead: { name: Lee Lead, partner: pharmacy }"))
            + "    communities: [pain-community]\n";
        var messages = Refused(yaml).Errors.Select(e => e.Message).ToList();

        Assert.Contains("'Fewer Opioids' is not a valid goal id; use lower-case letters, digits, '.', '-' and '_', starting with a letter or digit", messages);
        Assert.Contains("goal 'Fewer Opioids' names clinical lead 'Lee Lead' of partner 'pharmacy', which is not a partner in the programme", messages);
        Assert.Contains("goal 'Fewer Opioids' names community 'pain-community', which is not a clinical community in the programme", messages);
    }

    [Fact]
    public void Load_CommunityNamingUnknownMemberAndGoal_NamesBoth()
    {
        var yaml = MiniProgramme.Plus(
            "communities:",
            "  - id: pain",
            "    name: Pain community",
            "    members: [acute, hospice]",
            "    goals: [fewer-opioids, fewer-falls]");
        var errors = Refused(yaml).Errors;

        Assert.Equal(2, errors.Length);
        Assert.Equal(("community 'pain' names member 'hospice', which is not a partner in the programme", 38), (errors[0].Message, errors[0].Line!.Value));
        Assert.Equal(("community 'pain' names goal 'fewer-falls', which is not a shared goal in the programme", 39), (errors[1].Message, errors[1].Line!.Value));
    }

    [Fact]
    public void Load_DeclaredChanges_AreReadAsPeriodsOfTheMeasure()
    {
        var yaml = MiniProgramme.Plus(
            "    changes:",
            "      - { period: 2025-04, reason: Tapering clinic opened, baseline_periods: 13 }",
            "      - { period: 2025-10-01 }");
        var goal = YamlProgrammeLoader.Load(yaml, MiniProgramme.FileName).Goals[0];

        Assert.Equal([Period.Month(2025, 4), Period.Month(2025, 10)], goal.Changes.Select(c => c.Period));
        Assert.Equal(13, goal.Changes[0].BaselinePeriods);
    }

    [Fact]
    public void Load_ChangePeriodNotAMonth_AndOutOfOrder_AreReported()
    {
        var yaml = MiniProgramme.Plus(
            "    changes:",
            "      - { period: 2025-04 }",
            "      - { period: 2025-03 }",
            "      - { period: 2025-04-15 }");
        var errors = Refused(yaml).Errors;

        Assert.Equal(2, errors.Length);
        Assert.Equal("goal 'fewer-opioids' declares changes out of order: 2025-03 is not after 2025-04", errors[0].Message);
        Assert.Equal("'2025-04-15' is not the first day of a month; a monthly period is written '2025-04' or '2025-04-01'", errors[1].Message);
        Assert.Equal(38, errors[1].Line);
    }

    [Fact]
    public void Load_OwnPrinciplesAndAlignmentSettings_AreRead()
    {
        var yaml = MiniProgramme.Plus(
            "principles:",
            "  - { id: tell-it-once, title: People tell their story once }",
            "alignment:",
            "  rules:",
            "    goal.single-owner: { enabled: false }",
            "    goal.no-lived-experience: { severity: error, principle: tell-it-once }",
            "    programme.too-many-goals: { max_goals: 4 }");
        var programme = YamlProgrammeLoader.Load(yaml, MiniProgramme.FileName);

        Assert.Equal("tell-it-once", programme.Principles[^1].Id);
        Assert.Equal(6, programme.Principles.Length);
        Assert.False(programme.AlignmentRules[0].Enabled);
        Assert.Equal(Severity.Error, programme.AlignmentRules[1].Severity);
        Assert.Equal("tell-it-once", programme.AlignmentRules[1].Principle);
        Assert.Equal(4, programme.AlignmentRules[2].Parameters["max_goals"]);
    }

    [Fact]
    public void Load_UnknownRuleOrParameterOrSeverity_IsRefused()
    {
        var yaml = MiniProgramme.Plus(
            "alignment:",
            "  rules:",
            "    goal.single-owners: { enabled: false }",
            "    measure.stale-data: { period: 3 }",
            "    goal.no-clinical-lead: { severity: critical }");
        var errors = Refused(yaml).Errors;

        Assert.Equal(3, errors.Length);
        Assert.StartsWith("unknown alignment rule 'goal.single-owners'; expected one of goal.single-owner, ", errors.Single(e => e.Line == 37).Message);
        Assert.Equal("alignment rule 'measure.stale-data' has no parameter 'period'; expected enabled, severity, principle or periods", errors.Single(e => e.Line == 38).Message);
        Assert.Equal("'critical' is not a valid severity; expected one of info, warning, error", errors.Single(e => e.Line == 39).Message);
    }

    [Fact]
    public void Load_OwnPrincipleReusingADefaultId_IsADuplicate()
    {
        var yaml = MiniProgramme.Plus("principles:", "  - { id: define-together, title: Our own version }");
        var error = Single(yaml);
        Assert.Equal("duplicate principle id 'define-together'", error.Message);
        Assert.Equal(36, error.Line);
    }

    [Fact]
    public void Load_EmptyFile_SaysWhatAProgrammeNeeds()
    {
        var error = Single("# nothing yet\n");
        Assert.Contains("the file is empty", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Load_ListWhereAMappingBelongs_SaysWhatWasFound()
    {
        var error = Single(MiniProgramme.With((28, "    baseline: [12, 15]")));
        Assert.Equal("expected a mapping with value, from, periods; found a list", error.Message);
        Assert.Equal((28, 15), (error.Line, error.Column));
    }

    [Fact]
    public void LoadFile_ReportsThePathItWasGiven()
    {
        var path = Path.Combine(Path.GetTempPath(), $"programme-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, MiniProgramme.With((30, "    co_owners: [acute, hospice]")));
        try
        {
            var error = Assert.Single(Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.LoadFile(path)).Errors);
            Assert.Equal(path, error.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MisspeltTopLevelField_IsRefusedWithTheFieldsExpected()
    {
        var error = Single(MiniProgramme.Plus("comunities: []"));
        Assert.Equal("unknown field 'comunities'; expected one of id, name, shared_purpose, vision, principles, partners, communities, measures, goals, alignment", error.Message);
        Assert.Equal((35, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Load_SecondDocument_IsRefused()
    {
        var error = Single(MiniProgramme.Plus("---", "id: another"));
        Assert.Equal("expected one YAML document, found another starting here", error.Message);
        Assert.Equal(36, error.Line);
    }

    [Fact]
    public void Load_TeamServiceWithoutPartner_SaysTheExpectedForm()
    {
        var error = Single(MiniProgramme.With((34, "    team: [acute/pain, acute/info, practice]")));
        Assert.Equal("'practice' is not a team service; expected 'partner/service', e.g. 'acute-trust/palliative-care'", error.Message);
        Assert.Equal((34, 36), (error.Line, error.Column));
    }

    [Fact]
    public void Load_WeeklyMeasure_ReadsIsoWeekPeriods()
    {
        var yaml = MiniProgramme.With((21, "    period: week"), (28, "    baseline: { from: 2025-W10, periods: 15 }"));
        var goal = YamlProgrammeLoader.Load(yaml, MiniProgramme.FileName).Goals[0];
        Assert.Equal(Period.IsoWeek(2025, 10), goal.Baseline!.From);

        var error = Single(MiniProgramme.With((21, "    period: week"), (28, "    baseline: { from: 2025-03, periods: 15 }")));
        Assert.Equal("'2025-03' is not a week; expected an ISO week 'YYYY-Www' or its Monday 'YYYY-MM-DD'", error.Message);
    }
}
