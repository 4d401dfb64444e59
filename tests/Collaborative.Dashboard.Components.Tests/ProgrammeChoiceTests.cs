using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The way on from a refusal: back to the portfolio, or to a programme the reader may open.</summary>
public sealed class ProgrammeChoiceTests : BunitContext
{
    [Fact]
    public void ProgrammeChoice_LinksBackToThePortfolio_AndToEachProgrammeTheReaderMayOpen()
    {
        var cut = Render<ProgrammeChoice>(ps => ps.Add(p => p.Programmes, [("yorkshire-eol", "End of life <care>"), ("a b&c", "Academy")]));

        Assert.Equal("/", cut.Find("a.to-portfolio").GetAttribute("href"));
        var items = cut.FindAll("ul.openable-programmes li");
        Assert.Equal(["yorkshire-eol", "a b&c"], items.Select(i => i.GetAttribute("data-programme")));
        Assert.Equal("/programmes/yorkshire-eol", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("End of life <care>", items[0].QuerySelector("a")!.TextContent); // text, not markup
        Assert.Equal("/programmes/a%20b%26c", items[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void ProgrammeChoice_WithNoProgrammeToOpen_StillLeadsToThePortfolio_AndSaysWhomToAsk()
    {
        var cut = Render<ProgrammeChoice>(ps => ps.Add(p => p.Programmes, []));

        Assert.Equal("/", cut.Find("a.to-portfolio").GetAttribute("href"));
        Assert.Empty(cut.FindAll("ul.openable-programmes"));
        Assert.Contains("Ask the programme's admin", cut.Find("p.empty").TextContent);
    }
}
