using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The board paper's Making Data Count summary: one row per goal, the numbers and both icons.</summary>
public sealed class BoardSummaryTableTests : BunitContext
{
    [Fact]
    public void SummaryTable_HasOneRowPerGoal_WithLatestTargetMeanLimitsAndIcons()
    {
        var concern = Samples.Progress("falls", "Falls per 1,000 bed days", VariationIcon.VariationConcernLow, AssuranceIcon.AssuranceFail);
        var rows = new List<(GoalView, GoalProgress)>
        {
            (Samples.Goal(), Samples.Progress()),
            (Samples.Goal("falls", "Fewer falls"), concern),
        };

        var cut = Render<BoardSummaryTable>(ps => ps.Add(p => p.ProgrammeId, "falls & reviews").Add(p => p.Rows, rows));

        var headers = cut.FindAll("thead th").Select(h => h.TextContent).ToList();
        Assert.Equal(["Measure", "Period", "Latest", "Target", "Mean", "Lower process limit", "Upper process limit", "Variation", "Assurance"], headers);
        var trs = cut.FindAll("tbody tr");
        Assert.Equal(["reviews", "falls"], trs.Select(r => r.GetAttribute("data-goal")));

        var first = trs[0];
        Assert.Contains("Reviews completed", first.QuerySelector("th")!.TextContent);
        Assert.Equal("/programmes/falls%20%26%20reviews/goals/reviews", first.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(Samples.Month(14), first.QuerySelector(".period")!.TextContent);
        Assert.Equal("62", first.QuerySelector(".latest")!.TextContent);
        Assert.Equal("55", first.QuerySelector(".target")!.TextContent);
        Assert.Equal("50", first.QuerySelector(".mean")!.TextContent);
        Assert.Equal("42.46", first.QuerySelector(".lower-limit")!.TextContent);
        Assert.Equal("57.54", first.QuerySelector(".upper-limit")!.TextContent);
        Assert.Equal("Special cause improvement (high)", first.QuerySelector(".variation svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("Assurance: hit and miss, the target lies within the process limits", first.QuerySelector(".assurance svg[role=img]")!.GetAttribute("aria-label"));

        Assert.Equal("Special cause concern (low)", trs[1].QuerySelector(".variation svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("Assurance: the process consistently fails the target", trs[1].QuerySelector(".assurance svg[role=img]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void SummaryTable_ShowsADash_WhereAGoalHasNoDataOrLimitsYet()
    {
        var empty = new GoalProgress { GoalId = "new", MeasureName = "New measure", Variation = VariationIcon.VariationNone, NoLimitsReason = "No observations yet." };

        var cut = Render<BoardSummaryTable>(ps => ps.Add(p => p.ProgrammeId, "p").Add(p => p.Rows, [(Samples.Goal("new", "A new goal"), empty)]));

        var row = cut.Find("tbody tr");
        foreach (var cell in new[] { ".period", ".latest", ".target", ".mean", ".lower-limit", ".upper-limit" })
        {
            Assert.Equal("–", row.QuerySelector(cell)!.TextContent);
        }

        Assert.Equal("No variation icon: No observations yet.", row.QuerySelector(".variation svg")!.GetAttribute("aria-label"));
    }
}
