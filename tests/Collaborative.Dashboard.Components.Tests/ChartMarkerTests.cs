using System.Globalization;
using Collaborative.Host.Dashboard.Components;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using static Collaborative.Dashboard.Components.Tests.MethodSamples;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>PDSA cycles, notes and learning events on a goal's chart: a focusable marker at each period of the chart, and all of them listed below it.</summary>
public sealed class ChartMarkerTests : BunitContext
{
    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public void Markers_StandAtTheirPeriods_EachFocusableWithItsText_OutsideTheChartNotDrawn()
    {
        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Markers, Markers(Before, Cycle, Note, Session, After)));

        var markers = cut.FindAll("g.marker");
        Assert.Equal(["pdsa", "note", "event"], markers.Select(m => m.GetAttribute("data-kind")));
        Assert.Equal("3", cut.Find("svg.xmr").GetAttribute("data-markers"));
        Assert.EndsWith(", 3 markers", cut.Find("svg.xmr").GetAttribute("aria-label"));
        Assert.All(markers, m =>
        {
            Assert.Equal("0", m.GetAttribute("tabindex"));
            Assert.Equal("img", m.GetAttribute("role"));
            Assert.Equal(m.GetAttribute("aria-label"), m.QuerySelector("title")!.TextContent);
            Assert.NotNull(m.QuerySelector("g.tip text")); // shown beside the marker on hover and focus
        });
        Assert.Equal("2024-03 · PDSA cycle: PDSA (doing): Pharmacist calls. Call every patient", markers[0].GetAttribute("aria-label"));
        Assert.Equal("2024-03 · Note: New GP lead started (Dr B Lead)", markers[1].GetAttribute("aria-label"));

        // Both 2024-03 markers stand over the third point, one above the other; the session over the sixth.
        var points = cut.FindAll("circle.point");
        var guides = cut.FindAll("g.marker-guides line");
        Assert.Equal(2, guides.Count);
        Assert.Equal(Number(points[2].GetAttribute("cx")), Number(guides[0].GetAttribute("x1")));
        Assert.Equal(Number(points[5].GetAttribute("cx")), Number(guides[1].GetAttribute("x1")));
        Assert.DoesNotContain(markers, m => m.GetAttribute("data-record") is "pdsa-0" or "note-2");
    }

    [Fact]
    public void AMarkerAtAPeriodWithNoObservation_StandsBetweenThePointsEitherSide()
    {
        var progress = Samples.Progress();
        progress.Points.RemoveAt(4); // no observation for 2024-05

        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, progress).Add(p => p.Markers, Markers(Marker(ChartMarkerKind.Annotation, "gap", Period.Month(2024, 5), "Data missing"))));

        var points = cut.FindAll("circle.point");
        var x = Number(cut.Find("g.marker-guides line").GetAttribute("x1"));
        Assert.Equal((Number(points[3].GetAttribute("cx")) + Number(points[4].GetAttribute("cx"))) / 2, x, 1);
    }

    [Fact]
    public void MoreThanThreeMarkersAtOnePeriod_TheThirdSaysHowManyMoreAndWhat()
    {
        var many = Enumerable.Range(1, 5).Select(i => Marker(ChartMarkerKind.PdsaCycle, $"pdsa-{i}", Period.Month(2024, 3), $"Cycle {i}")).ToArray();

        var cut = Render<XmrChart>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Markers, Markers(many)));

        var markers = cut.FindAll("g.marker");
        Assert.Equal(3, markers.Count);
        Assert.Equal("more", markers[2].GetAttribute("data-kind"));
        Assert.Equal("+3", markers[2].QuerySelector("text")!.TextContent);
        Assert.Equal("3 more: 2024-03 · PDSA cycle: Cycle 3 | 2024-03 · PDSA cycle: Cycle 4 | 2024-03 · PDSA cycle: Cycle 5", markers[2].GetAttribute("aria-label"));
    }

    [Fact]
    public void ProgressSection_ListsEveryMarkerBelowTheChart_ThoseOutsideItSaySo()
    {
        // The section the goal page and its live updates render alike.
        var cut = Render<ProgressSection>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Markers, Markers(Before, Cycle, Note, Session, After)));

        Assert.Equal(3, cut.FindAll("svg.xmr g.marker").Count);
        var rows = cut.FindAll("table.markers tbody tr");
        Assert.Equal(["pdsa-0", "pdsa-1", "note-1", "event-1", "note-2"], rows.Select(r => r.GetAttribute("data-record")));
        Assert.Equal(["no", "yes", "yes", "yes", "no"], rows.Select(r => r.GetAttribute("data-on-chart")));
        Assert.Equal("2023-05 (not on the chart)", rows[0].QuerySelector(".period")!.TextContent);
        Assert.Equal("Learning event", rows[3].QuerySelector(".kind")!.TextContent);
        Assert.Equal("Learning session one", rows[3].QuerySelector(".text")!.TextContent);
    }

    [Fact]
    public void WithoutMarkers_TheChartIsAsBefore_AndTheListSaysNothingIsMarked()
    {
        var cut = Render<ProgressSection>(ps => ps.Add(p => p.Progress, Samples.Progress()));

        Assert.Empty(cut.FindAll("g.marker"));
        Assert.Equal($"XmR chart of Reviews completed: 15 points from {Samples.Month(0)} to {Samples.Month(14)}", cut.Find("svg.xmr").GetAttribute("aria-label"));
        Assert.Contains("Nothing marked on this chart yet", cut.Find(".chart-markers p.empty").TextContent);
    }

    [Fact]
    public void SampleMarkers_FromTheMethodRecords_AreTheGoalsCyclesNotesAndEvent()
    {
        var goal = Sheffield.FindGoal("dignity-always")!;
        var markers = Records(Sheffield).MarkersFor(goal, PeriodKind.Month);

        var cut = Render<ChartMarkerList>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Markers, markers));

        var kinds = cut.FindAll("table.markers tbody tr").Select(r => r.GetAttribute("data-kind")).ToList();
        Assert.Equal(markers.Length, kinds.Count);
        Assert.Contains("pdsa", kinds);
        Assert.Contains("note", kinds);
        Assert.Contains("event", kinds);
    }

    [Fact]
    public void HostileMarkerText_IsText_OnTheChartAndInTheList()
    {
        var hostile = Marker(ChartMarkerKind.Annotation, "x\"><script>", Period.Month(2024, 3), "</text></svg>" + EncodingTests.Hostile);

        var cut = Render<ProgressSection>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Markers, Markers(hostile)));

        Assert.Empty(cut.FindAll("script, img"));
        Assert.Single(cut.FindAll("svg.xmr"));
        Assert.Equal("2024-03 · Note: </text></svg>" + EncodingTests.Hostile, cut.Find("g.marker").GetAttribute("aria-label"));
        Assert.Equal("</text></svg>" + EncodingTests.Hostile, cut.Find("table.markers .text").TextContent);
        Assert.Equal("x\"><script>", cut.Find("table.markers tbody tr").GetAttribute("data-record"));
    }
}
