using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard;
using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The portfolio: each programme with its goals' two icons, its alignment counts and links to its pages.</summary>
public sealed class PortfolioListTests : BunitContext
{
    [Fact]
    public void Portfolio_ShowsEachProgrammeWithAVariationAndAnAssuranceIconPerGoal_ItsCounts_AndLinks()
    {
        var falls = Samples.Progress("falls", "Falls per 1,000 bed days", VariationIcon.VariationConcernLow, AssuranceIcon.AssuranceFail);
        var entries = new List<PortfolioEntry>
        {
            new("end-of-life", "End of life care", true, [(Samples.Goal(), Samples.Progress()), (Samples.Goal("falls", "Fewer falls"), falls)], Errors: 2, Warnings: 1),
            new("corporate-clinical", "Corporate and clinical", false, [(Samples.Goal("dignity", "Dignity always"), Samples.Progress("dignity", "Dignity", VariationIcon.VariationCommonCause, AssuranceIcon.AssurancePass))], Errors: 0, Warnings: 3),
        };

        var cut = Render<PortfolioList>(ps => ps.Add(p => p.Entries, entries));

        var cards = cut.FindAll("li.programme-card");
        Assert.Equal(["end-of-life", "corporate-clinical"], cards.Select(c => c.GetAttribute("data-programme")));
        Assert.Equal("/programmes/end-of-life", cards[0].QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal("End of life care", cards[0].QuerySelector("h2 a")!.TextContent);
        Assert.Contains("(default)", cards[0].QuerySelector("h2")!.TextContent);
        Assert.DoesNotContain("(default)", cards[1].QuerySelector("h2")!.TextContent);
        Assert.Equal("/programmes/corporate-clinical", cards[1].QuerySelector("h2 a")!.GetAttribute("href"));

        Assert.Equal("2 errors", cards[0].QuerySelector(".errors")!.TextContent);
        Assert.Equal("1 warning", cards[0].QuerySelector(".warnings")!.TextContent);
        Assert.Equal("0 errors", cards[1].QuerySelector(".errors")!.TextContent);
        Assert.Equal("3 warnings", cards[1].QuerySelector(".warnings")!.TextContent);

        // One variation and one assurance icon per goal, each with its text alternative, and a link to the goal's page.
        var goals = cards[0].QuerySelectorAll("ul.goal-icons li");
        Assert.Equal(["reviews", "falls"], goals.Select(g => g.GetAttribute("data-goal")));
        Assert.Equal("Special cause improvement (high)", goals[0].QuerySelector(".variation svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("Assurance: hit and miss, the target lies within the process limits", goals[0].QuerySelector(".assurance svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("Special cause concern (low)", goals[1].QuerySelector(".variation svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("Assurance: the process consistently fails the target", goals[1].QuerySelector(".assurance svg[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal("/programmes/end-of-life/goals/falls", goals[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Fewer falls", goals[1].QuerySelector("a")!.TextContent);
        // Each icon is its own SVG with its text alternative (aria-label and title) around a use of its picture,
        // drawn once for the page as a symbol.
        var icons = cut.FindAll("ul.goal-icons svg[role=img]");
        Assert.Equal(6, icons.Count);
        Assert.Single(cut.FindAll("svg.spc-symbols"));
        foreach (var icon in icons)
        {
            Assert.Equal(icon.GetAttribute("aria-label"), icon.QuerySelector("title")!.TextContent);
            var symbol = icon.QuerySelector("use")!.GetAttribute("href")!;
            Assert.Single(cut.FindAll($"svg.spc-symbols symbol{symbol}"));
        }

        Assert.Equal("#spc-variation-ConcernLow", goals[1].QuerySelector(".variation use")!.GetAttribute("href"));
        Assert.Equal("#spc-assurance-Fail", goals[1].QuerySelector(".assurance use")!.GetAttribute("href"));
        var dignity = cards[1].QuerySelector("li[data-goal='dignity']")!;
        Assert.StartsWith("Common cause", dignity.QuerySelector(".variation svg[role=img]")!.GetAttribute("aria-label"));
        Assert.StartsWith("Assurance: the process consistently passes", dignity.QuerySelector(".assurance svg[role=img]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Portfolio_EncodesAHostileProgrammeName_Id_AndGoalTitle()
    {
        var entries = new List<PortfolioEntry> { new("a\"><script>", EncodingTests.Hostile, false, [(Samples.Goal("g\"><img>", EncodingTests.Hostile), Samples.Progress())], 0, 0) };

        var cut = Render<PortfolioList>(ps => ps.Add(p => p.Entries, entries));

        Assert.Empty(cut.FindAll("script, img"));
        Assert.Equal(EncodingTests.Hostile, cut.Find("h2 a").TextContent);
        Assert.Equal("/programmes/a%22%3E%3Cscript%3E", cut.Find("h2 a").GetAttribute("href"));
        Assert.Equal("a\"><script>", cut.Find("li.programme-card").GetAttribute("data-programme"));
        Assert.Equal("/programmes/a%22%3E%3Cscript%3E/goals/g%22%3E%3Cimg%3E", cut.Find("ul.goal-icons a").GetAttribute("href"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_WithNoProgrammeTheReaderMayUse_SaysSo()
    {
        var cut = Render<PortfolioList>(ps => ps.Add(p => p.Entries, []));

        Assert.Empty(cut.FindAll("li.programme-card"));
        Assert.Empty(cut.FindAll("svg.spc-symbols"));
        Assert.Contains("no programme here you may use", cut.Find("p.empty").TextContent);
    }
}
