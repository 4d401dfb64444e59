using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The server-side SVG XmR chart: a point per observation in its cause's colour, the segment's lines, the target.</summary>
public sealed class XmrChartTests : BunitContext
{
    [Fact]
    public void Chart_DrawsEveryPoint_InItsCausesColour_WithPeriodAndValue()
    {
        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, Samples.Progress()));

        var svg = cut.Find("svg.xmr");
        Assert.Equal($"XmR chart of Reviews completed: 15 points from {Samples.Month(0)} to {Samples.Month(14)}", svg.GetAttribute("aria-label"));
        var points = cut.FindAll("circle.point");
        Assert.Equal(Samples.Values.Length, points.Count);
        Assert.All(points.Take(14), p => Assert.Equal(Samples.CommonCause, p.GetAttribute("fill")));
        Assert.Equal(Samples.Improvement, points[^1].GetAttribute("fill"));
        Assert.Equal($"{Samples.Month(14)}: 62 reviews, special cause improvement (outside-high)", points[^1].GetAttribute("aria-label"));
        Assert.Equal("0", points[^1].GetAttribute("tabindex"));

        // Higher values sit higher on the chart.
        Assert.True(double.Parse(points[^1].GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture) < double.Parse(points[0].GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Chart_DrawsTheMeanLimitsTargetAndBaseline()
    {
        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, Samples.Progress()));

        Assert.Equal("Mean 50", cut.Find("line.mean title").TextContent);
        Assert.Equal("Upper process limit 57.54", cut.Find("line.upper-limit title").TextContent);
        Assert.Equal("Lower process limit 42.46", cut.Find("line.lower-limit title").TextContent);
        Assert.Equal("Target 55", cut.Find("line.target title").TextContent);
        Assert.Single(cut.FindAll("g.baseline"));
        Assert.Empty(cut.FindAll("g.recalculation"));
        Assert.Equal(Samples.Month(14), cut.FindAll("g.periods text")[^1].TextContent);
    }

    [Fact]
    public void Chart_WithoutObservations_SaysSo()
    {
        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, new GoalProgress { MeasureName = "Nothing yet" }));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("No observations yet", cut.Find("p.empty").TextContent);
    }
}
