using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>Programme text is text: a hostile goal title, measure name or unit is encoded, never markup.</summary>
public sealed class EncodingTests : BunitContext
{
    internal const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\"";

    [Fact]
    public void GoalCard_EncodesAHostileTitle_AndGoalId()
    {
        var goal = Samples.Goal("a\"><script>", Hostile);

        var cut = Render<GoalCard>(ps => ps.Add(p => p.ProgrammeId, "p").Add(p => p.Goal, goal).Add(p => p.Progress, Samples.Progress()));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Hostile, cut.Find("h3 a").TextContent);
        Assert.Equal("a\"><script>", cut.Find("article").GetAttribute("data-goal"));
        Assert.Equal("/programmes/p/goals/a%22%3E%3Cscript%3E", cut.Find("h3 a").GetAttribute("href"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryTableAndChart_EncodeAHostileMeasureNameAndUnit()
    {
        var progress = Samples.Progress(measureName: Hostile);
        progress.Unit = "</text><script>alert(2)</script>";

        var table = Render<BoardSummaryTable>(ps => ps.Add(p => p.ProgrammeId, "p").Add(p => p.Rows, [(Samples.Goal(title: Hostile), progress)]));
        var chart = Render<XmrChart>(ps => ps.Add(p => p.Progress, progress));

        Assert.Empty(table.FindAll("script, img"));
        Assert.Empty(chart.FindAll("script, img"));
        Assert.Contains(Hostile, table.Find("tbody th").TextContent, StringComparison.Ordinal);
        Assert.Contains("</text><script>alert(2)</script>", chart.Find("circle.point").GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
