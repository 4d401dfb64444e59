using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components.Method;
using Collaborative.Host.Dashboard.Method;
using Collaborative.Programme.Definition;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>
/// The improvement method's form parts: each error of a refused write beside the field it names, pointed at by the
/// field (aria-invalid, aria-describedby) and summarised with a link to it; the input as typed shown again; the
/// goal's cycles listed, their text encoded.
/// </summary>
public sealed class MethodFormTests : BunitContext
{
    private static FormErrors Refusal(params (string Path, string Message)[] errors) =>
        FormErrors.From(errors.Select(e => new ProgrammeError { Path = e.Path, Message = e.Message }));

    [Fact]
    public void CycleFields_ShowEachErrorBesideItsField_AndKeepWhatWasTyped()
    {
        var input = new PdsaCycleInput { Status = "done", Started = "2026-11-01", Study = "Half the <b>wards</b> used it", Act = "" };
        var errors = Refusal(("ended", "a cycle that is done has ended its 'do'; give the day it ended"), ("act", "a done cycle says what the team decided"));

        var cut = Render<PdsaCycleProgressFields>(ps => ps.Add(p => p.Input, input).Add(p => p.Errors, errors).Add(p => p.Prefix, "cycle").Add(p => p.Name, "Cycle"));

        var ended = cut.Find("#cycle-ended");
        Assert.Equal("true", ended.GetAttribute("aria-invalid"));
        Assert.Equal("cycle-ended-error", ended.GetAttribute("aria-describedby"));
        var endedError = cut.Find("#cycle-ended-error");
        Assert.Contains("give the day it ended", endedError.TextContent);
        Assert.Same(ended.ParentElement, endedError.ParentElement); // beside its field, in the field's own block
        Assert.Equal("cycle-act-error", cut.Find("#cycle-act").GetAttribute("aria-describedby"));

        // Fields without an error are neither marked nor described by an error; the study keeps its hint.
        Assert.Null(cut.Find("#cycle-started").GetAttribute("aria-invalid"));
        Assert.Equal("2026-11-01", cut.Find("#cycle-started").GetAttribute("value"));
        Assert.Equal("cycle-study-hint", cut.Find("#cycle-study").GetAttribute("aria-describedby"));
        Assert.Equal("Half the <b>wards</b> used it", cut.Find("#cycle-study").TextContent);
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("done", cut.Find("#cycle-status option[selected]").GetAttribute("value"));
        Assert.Equal("Cycle.Status", cut.Find("#cycle-status").GetAttribute("name"));
        Assert.Equal(2, cut.FindAll(".field-error").Count);
    }

    [Fact]
    public void Outcome_SummarisesEveryError_LinkingToItsField_AndNamesAFieldTheFormHasNot()
    {
        var errors = Refusal(("prediction", "missing required field 'prediction'"), ("goal_id", "'x' is not a shared goal"));
        var inputs = PdsaCycleProgressFields.InputIds("cycle", "prediction");

        var cut = Render<FormOutcome>(ps => ps.Add(p => p.Errors, errors).Add(p => p.InputIds, inputs).Add(p => p.Labels, PdsaCycleProgressFields.Labels));

        var summary = cut.Find(".error-summary[role=alert]");
        Assert.Contains("Nothing was recorded.", summary.TextContent);
        var link = cut.Find("li[data-field=prediction] a");
        Assert.Equal("#cycle-prediction", link.GetAttribute("href"));
        Assert.Equal("Prediction: missing required field 'prediction'", link.TextContent);
        Assert.Empty(cut.FindAll("li[data-field=goal_id] a"));
        Assert.Equal("goal id: 'x' is not a shared goal", cut.Find("li[data-field=goal_id]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[role=status]"));
    }

    [Fact]
    public void Outcome_OfADeniedWrite_SaysWhy_AndOfAStoredOne_SaysWhatWasRecorded()
    {
        var denied = Render<FormOutcome>(ps => ps.Add(p => p.Errors, FormErrors.Refused("partner 'x' does not co-own goal 'y'")).Add(p => p.InputIds, new Dictionary<string, string>()));
        var saved = Render<FormOutcome>(ps => ps.Add(p => p.Saved, "PDSA cycle pdsa-3 recorded.").Add(p => p.InputIds, new Dictionary<string, string>()));

        Assert.Equal("partner 'x' does not co-own goal 'y'", denied.Find(".error-summary .denied").TextContent);
        Assert.Equal("PDSA cycle pdsa-3 recorded.", saved.Find("[role=status]").TextContent);
        Assert.Empty(saved.FindAll(".error-summary"));
    }

    [Theory]
    [InlineData("goal_ids[1]", "goal_ids", "Second goal named: nope")]
    [InlineData("goal_ids[0]", "goal_ids", "First goal named: nope")]
    [InlineData("lessons[2]", "lessons", "Third lesson: nope")]
    [InlineData("change_idea_id", "change_idea_id", "nope")]
    [InlineData("goal_id", "goal_id", "nope")]
    [InlineData("prediction", "prediction", "nope")]
    public void Errors_AreFiledUnderMethodProtosFieldName_AndAnIndexIsSaidInWords(string path, string field, string message)
    {
        var errors = Refusal((path, "nope"));

        Assert.Equal(new FieldError(field, message), Assert.Single(errors.All));
        Assert.True(errors.Has(field));
    }

    [Fact]
    public void CycleList_ListsTheGoalsCyclesNewestFirst_WithIdeaAndOwnerNames_AndEncodesTheirText()
    {
        var first = new PdsaCycleRecord { Id = "pdsa-1", GoalId = "g", ChangeIdeaId = "idea", Owner = "city", Status = "done", Act = "adapt", Plan = "<script>alert(1)</script>", Prediction = "p", Started = "2026-09-01", Ended = "2026-09-30", Study = "s", Recorded = "2026-10-01" };
        var second = new PdsaCycleRecord { Id = "pdsa-2", GoalId = "g", ChangeIdeaId = "idea", Owner = "city", Status = "planned", Plan = "again", Prediction = "p", Recorded = "2026-10-02" };
        var cycles = new GoalCycles([second, first], new Dictionary<string, string> { ["idea"] = "Call back within a day" }, new Dictionary<string, string> { ["city"] = "City Hospitals" }, 7);

        var cut = Render<GoalCycleList>(ps => ps.Add(p => p.Cycles, cycles));

        Assert.Equal(["pdsa-2", "pdsa-1"], cut.FindAll("li.cycle").Select(c => c.GetAttribute("data-cycle")));
        Assert.Equal("7", cut.Find("section.cycles").GetAttribute("data-method-version"));
        var done = cut.Find("li[data-cycle=pdsa-1]");
        Assert.Contains("Call back within a day", done.QuerySelector(".cycle-head")!.TextContent);
        Assert.Equal("done, adapt", done.QuerySelector(".cycle-status")!.TextContent);
        Assert.Equal("City Hospitals, 2026-09-01 to 2026-09-30", done.QuerySelector(".cycle-when")!.TextContent);
        Assert.Equal("City Hospitals, recorded 2026-10-02", cut.Find("li[data-cycle=pdsa-2] .cycle-when").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", done.TextContent);
    }

    [Fact]
    public void CycleList_OfAGoalWithoutCycles_SaysSo()
    {
        var cut = Render<GoalCycleList>(ps => ps.Add(p => p.Cycles, new GoalCycles([], ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, string>.Empty, 0)));

        Assert.Contains("No PDSA cycle recorded", cut.Find(".empty").TextContent);
    }
}
