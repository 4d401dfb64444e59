using Collaborative.Contracts.V1;
using Collaborative.Host.Dashboard.Components;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>Each Making Data Count icon: its text alternative (role="img", aria-label and title), its letter and its colours.</summary>
public sealed class SpcIconTests : BunitContext
{
    public static TheoryData<VariationIcon, string, string?, string> VariationCases => new()
    {
        { VariationIcon.VariationCommonCause, "Common cause variation", null, Samples.CommonCause },
        { VariationIcon.VariationImprovementHigh, "Special cause improvement (high)", "H", Samples.Improvement },
        { VariationIcon.VariationImprovementLow, "Special cause improvement (low)", "L", Samples.Improvement },
        { VariationIcon.VariationConcernHigh, "Special cause concern (high)", "H", Samples.Concern },
        { VariationIcon.VariationConcernLow, "Special cause concern (low)", "L", Samples.Concern },
        { VariationIcon.VariationNeutralHigh, "Special cause, neutral (high)", "H", Samples.Neutral },
        { VariationIcon.VariationNeutralLow, "Special cause, neutral (low)", "L", Samples.Neutral },
    };

    [Theory]
    [MemberData(nameof(VariationCases))]
    public void VariationIcon_IsARingOfItsColour_HoldingARun_WithItsLetter_AndSaysWhatItIs(VariationIcon icon, string text, string? letter, string colour)
    {
        var cut = Render<SpcVariationIcon>(ps => ps.Add(p => p.Progress, Samples.Progress(variation: icon)));

        var svg = cut.Find("svg[role=img]");
        Assert.Equal(text, svg.GetAttribute("aria-label"));
        Assert.Equal(text, cut.Find("svg > title").TextContent);
        Assert.Equal(text, cut.Find(".icon-text").TextContent);
        Assert.Equal(colour, cut.Find("svg > circle").GetAttribute("stroke"));

        // The run: seven points; a special cause colours its last three, common cause none.
        var points = cut.FindAll("svg > circle[r='2.2']");
        Assert.Equal(7, points.Count);
        var coloured = points.Count(p => p.GetAttribute("fill") == colour && colour != Samples.CommonCause);
        Assert.Equal(letter is null ? 0 : 3, coloured);
        Assert.Equal(letter ?? "", string.Concat(cut.FindAll("text").Select(t => t.TextContent)));
    }

    [Fact]
    public void VariationIcon_WithoutLimits_IsADashedGreyRing_ThatSaysWhy()
    {
        var progress = Samples.Progress(variation: VariationIcon.VariationNone);
        progress.NoLimitsReason = "Fewer than 13 points (9).";

        var cut = Render<SpcVariationIcon>(ps => ps.Add(p => p.Progress, progress));

        Assert.Equal("No variation icon: Fewer than 13 points (9).", cut.Find("svg[role=img]").GetAttribute("aria-label"));
        Assert.Equal("4 3", cut.Find("svg > circle").GetAttribute("stroke-dasharray"));
        Assert.Empty(cut.FindAll("svg > circle[r='2.2']"));
    }

    public static TheoryData<AssuranceIcon, string, string, string> AssuranceCases => new()
    {
        { AssuranceIcon.AssurancePass, "Assurance: the process consistently passes the target", "P", Samples.Improvement },
        { AssuranceIcon.AssuranceFail, "Assurance: the process consistently fails the target", "F", Samples.Concern },
        { AssuranceIcon.AssuranceHitAndMiss, "Assurance: hit and miss, the target lies within the process limits", "?", Samples.CommonCause },
    };

    [Theory]
    [MemberData(nameof(AssuranceCases))]
    public void AssuranceIcon_IsARingWithPFOrQuestionMark_InItsColour_AndSaysWhatItIs(AssuranceIcon icon, string text, string letter, string colour)
    {
        var cut = Render<SpcAssuranceIcon>(ps => ps.Add(p => p.Progress, Samples.Progress(assurance: icon)));

        Assert.Equal(text, cut.Find("svg[role=img]").GetAttribute("aria-label"));
        Assert.Equal(text, cut.Find("svg > title").TextContent);
        Assert.Equal(letter, cut.Find("text").TextContent);
        Assert.Equal(colour, cut.Find("text").GetAttribute("fill"));
        Assert.Equal(colour, cut.Find("svg > circle").GetAttribute("stroke"));
    }

    [Fact]
    public void AssuranceIcon_WithoutATarget_SaysWhy_AndDrawsNoLetter()
    {
        var progress = Samples.Progress(assurance: AssuranceIcon.AssuranceNone);
        progress.NoAssuranceReason = "The goal has no target.";

        var cut = Render<SpcAssuranceIcon>(ps => ps.Add(p => p.Progress, progress));

        Assert.Equal("No assurance icon: The goal has no target.", cut.Find("svg[role=img]").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("text"));
    }

    [Fact]
    public void Icons_InATable_LeaveOutTheCaption_ButKeepTheTextAlternative()
    {
        var cut = Render<SpcVariationIcon>(ps => ps.Add(p => p.Progress, Samples.Progress()).Add(p => p.Caption, false));

        Assert.Empty(cut.FindAll(".icon-text"));
        Assert.Equal("Special cause improvement (high)", cut.Find("svg[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void EachSymbol_DrawsWhatTheInlineIconDraws()
    {
        var symbols = Render<SpcIconSymbols>();

        Assert.Equal("true", symbols.Find("svg.spc-symbols").GetAttribute("aria-hidden"));
        foreach (var icon in Enum.GetValues<VariationIcon>())
        {
            var inline = Render<SpcVariationIcon>(ps => ps.Add(p => p.Progress, Samples.Progress(variation: icon)));
            AssertSameDrawing(inline.Find("svg[role=img]"), symbols.Find($"symbol#spc-variation-{inline.Find(".icon").GetAttribute("data-icon")}"));
        }

        foreach (var icon in Enum.GetValues<AssuranceIcon>())
        {
            var inline = Render<SpcAssuranceIcon>(ps => ps.Add(p => p.Progress, Samples.Progress(assurance: icon)));
            AssertSameDrawing(inline.Find("svg[role=img]"), symbols.Find($"symbol#spc-assurance-{inline.Find(".icon").GetAttribute("data-icon")}"));
        }

        static void AssertSameDrawing(AngleSharp.Dom.IElement inline, AngleSharp.Dom.IElement symbol)
        {
            Assert.Equal(inline.GetAttribute("viewBox"), symbol.GetAttribute("viewBox"));
            var drawn = inline.Children.Where(c => c.LocalName != "title").Select(c => c.OuterHtml).ToList();
            Assert.NotEmpty(drawn);
            Assert.Equal(drawn, symbol.Children.Select(c => c.OuterHtml));
        }
    }
}
