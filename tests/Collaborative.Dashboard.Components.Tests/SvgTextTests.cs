using Collaborative.Host.Dashboard;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>Text laid out in server-drawn SVG: words wrapped to a line length, a long word cut, the last line ending "…" when there is more.</summary>
public sealed class SvgTextTests
{
    [Fact]
    public void Wrap_BreaksBetweenWords_WithinTheLineLength()
    {
        Assert.Equal(["Whole ward teams learn", "dignity in practice", "together"], SvgText.Wrap("Whole ward teams learn dignity in practice together", 22));
    }

    [Fact]
    public void Wrap_CutsAWordLongerThanALine_AndCollapsesSpaces()
    {
        Assert.Equal(["abcdefghij", "klm and", "more"], SvgText.Wrap("  abcdefghijklm   and\nmore ", 10));
    }

    [Fact]
    public void Wrap_EndsTheLastLineWithAnEllipsis_WhenTheTextIsLonger()
    {
        var lines = SvgText.Wrap("one two three four five six seven eight", 9, 2);

        Assert.Equal(["one two", "three…"], lines);
        Assert.Equal(["exactly", "two"], SvgText.Wrap("exactly two", 8, 2));
        Assert.Equal(["abcdefgh…"], SvgText.Wrap("abcdefghijkl", 9, 1));
        Assert.Empty(SvgText.Wrap("", 9));
    }
}
