using System.Globalization;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Programme.Definition;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>A goal's driver diagram: aim, drivers and change ideas left to right, joined, each idea with its measure, owners and cycles.</summary>
public sealed class DriverDiagramFigureTests : BunitContext
{
    private static readonly ProgrammeDefinition Programme = MethodSamples.Sheffield;
    private static readonly SharedGoal Dignity = Programme.FindGoal("dignity-always")!;

    private IRenderedComponent<DriverDiagramFigure> RenderDiagram(ProgrammeDefinition programme, SharedGoal goal) =>
        Render<DriverDiagramFigure>(ps => ps.Add(p => p.Programme, programme).Add(p => p.Goal, goal).Add(p => p.Method, MethodSamples.Records(programme)));

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public void Diagram_DrawsEveryLevel_LeftToRight_JoinedByALinePerDriverAndIdea()
    {
        var diagram = Dignity.DriverDiagram!;
        var cut = RenderDiagram(Programme, Dignity);

        var svg = cut.Find("svg.driver-svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("driver-diagram-title driver-diagram-desc", svg.GetAttribute("aria-labelledby"));
        var primaries = diagram.PrimaryDrivers.Length;
        var secondaries = diagram.PrimaryDrivers.Sum(p => p.SecondaryDrivers.Length);
        var ideas = diagram.ChangeIdeas.Count();
        Assert.Equal($"Driver diagram of {Dignity.Title}: the aim leads to {primaries} primary drivers, {secondaries} secondary drivers and {ideas} change ideas", cut.Find("#driver-diagram-title").TextContent);
        Assert.Single(cut.FindAll("g.driver-aim"));
        Assert.Equal(primaries, cut.FindAll("g.driver-primary").Count);
        Assert.Equal(secondaries, cut.FindAll("g.driver-secondary").Count);
        Assert.Equal(ideas, cut.FindAll("g.driver-idea").Count);
        Assert.Equal(primaries + secondaries + ideas, cut.FindAll("g.connectors path").Count);

        // Each level stands in its own column, further right than the one it comes from.
        var columns = new[] { "aim", "primary", "secondary", "idea" }
            .Select(level => cut.FindAll($"g.driver-{level} rect").Select(r => Number(r.GetAttribute("x"))).Distinct().Single())
            .ToList();
        Assert.Equal(columns.Order(), columns);
        Assert.Equal(4, columns.Distinct().Count());

        // Boxes of one column never overlap.
        var ideaBoxes = cut.FindAll("g.driver-idea rect").Select(r => (Top: Number(r.GetAttribute("y")), Bottom: Number(r.GetAttribute("y")) + Number(r.GetAttribute("height")))).OrderBy(b => b.Top).ToList();
        Assert.All(ideaBoxes.Zip(ideaBoxes.Skip(1)), pair => Assert.True(pair.First.Bottom <= pair.Second.Top));
    }

    [Fact]
    public void ChangeIdeas_ShowTheirMeasureOwnersAndCycles_InTheDiagramAndTheList()
    {
        var cut = RenderDiagram(Programme, Dignity);

        // dig.whole-ward-sessions: two cycles in the samples, the latest done and adopted; owned by two trusts.
        var idea = cut.Find("g.driver-idea[data-id='dig.whole-ward-sessions']");
        var title = idea.QuerySelector("title")!.TextContent;
        Assert.Contains("2 PDSA cycles; latest done, adopt", title);
        Assert.Contains("Owners: Sheffield Teaching Hospitals NHS Foundation Trust", title);
        Assert.Contains("2 PDSA cycles; latest done, adopt", idea.QuerySelector("text.idea-details")!.TextContent);

        var item = cut.Find(".driver-list li[data-id='dig.whole-ward-sessions']");
        Assert.Contains("2 PDSA cycles; latest done, adopt", item.TextContent);
        Assert.Equal(Dignity.DriverDiagram!.ChangeIdeas.Count(), cut.FindAll(".driver-list ul.change-ideas > li").Count);
        Assert.Equal(Dignity.DriverDiagram.PrimaryDrivers.Length, cut.FindAll(".driver-list ol.primary-drivers > li").Count);
    }

    [Fact]
    public void AChangeIdeaWithoutCyclesOrOwners_SaysSo_AndAMeasureIsNamed()
    {
        var first = Dignity.DriverDiagram!.PrimaryDrivers[0];
        var idea = new ChangeIdea { Id = "dig.untested", Title = "An untested idea", Measure = Dignity.Measure };
        var goal = Dignity with
        {
            DriverDiagram = Dignity.DriverDiagram with
            {
                PrimaryDrivers = [first with { SecondaryDrivers = [first.SecondaryDrivers[0] with { ChangeIdeas = [idea] }] }],
            },
        };

        var cut = RenderDiagram(MethodSamples.WithGoal(Programme, goal), goal);

        var text = cut.Find("g.driver-idea[data-id='dig.untested'] title").TextContent;
        Assert.Contains("No PDSA cycles yet", text);
        Assert.Contains("No owner named", text);
        Assert.Contains("Measure: " + Programme.FindMeasure(Dignity.Measure)!.Name, text);
    }

    [Fact]
    public void LongTitles_WrapIntoLinesThatFitTheirBox()
    {
        var first = Dignity.DriverDiagram!.PrimaryDrivers[0];
        var longTitle = string.Join(' ', Enumerable.Repeat("antidisestablishment", 12)) + " supercalifragilisticexpialidociouslylonger";
        var goal = Dignity with { DriverDiagram = Dignity.DriverDiagram with { PrimaryDrivers = [first with { Title = longTitle }] } };

        var cut = RenderDiagram(MethodSamples.WithGoal(Programme, goal), goal);

        var lines = cut.FindAll("g.driver-primary text tspan").Select(t => t.TextContent).ToList();
        Assert.Equal(4, lines.Count); // at most four lines; the rest is in the title
        Assert.All(lines, line => Assert.True(line.Length <= 24, line));
        Assert.EndsWith("…", lines[^1]);
        Assert.Equal(longTitle, cut.Find("g.driver-primary title").TextContent);
    }

    [Fact]
    public void AGoalWithoutADiagram_SaysSo()
    {
        var cut = RenderDiagram(Programme, Dignity with { DriverDiagram = null });

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("No driver diagram yet", cut.Find("p.empty").TextContent);
    }

    [Fact]
    public void HostileTitles_AreText_InTheSvgAndTheList()
    {
        var first = Dignity.DriverDiagram!.PrimaryDrivers[0];
        var secondary = first.SecondaryDrivers[0];
        var goal = Dignity with
        {
            Title = EncodingTests.Hostile,
            DriverDiagram = Dignity.DriverDiagram with
            {
                PrimaryDrivers = [first with { Title = "</text></svg><script>alert(1)</script>", SecondaryDrivers = [secondary with { ChangeIdeas = [secondary.ChangeIdeas[0] with { Title = EncodingTests.Hostile }] }] }],
            },
        };

        var cut = RenderDiagram(MethodSamples.WithGoal(Programme, goal), goal);

        Assert.Empty(cut.FindAll("script, img"));
        Assert.Single(cut.FindAll("svg"));
        Assert.Equal("</text></svg><script>alert(1)</script>", cut.Find("g.driver-primary title").TextContent);
        Assert.Contains(EncodingTests.Hostile, cut.Find(".driver-list ul.change-ideas strong").TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }
}
