using System.Text;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Tests.Definition;

/// <summary>Files shaped to break the parser's tree building are refused, with the position, before any tree is built.</summary>
public sealed class YamlShapeLimitsTests
{
    private static ProgrammeError Refusal(string yaml) =>
        Assert.Single(Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.Load(yaml, "hostile.yaml")).Errors);

    /// <summary>Ten anchors, each a list of ten aliases of the one before: the last stands for 10^10 scalars.</summary>
    internal static string AliasBomb(bool asKey)
    {
        var text = new StringBuilder("id: bomb\n");
        text.Append("a0: &a0 [").AppendJoin(", ", Enumerable.Repeat("x", 10)).Append("]\n");
        for (var n = 1; n <= 9; n++)
        {
            text.Append($"a{n}: &a{n} [").AppendJoin(", ", Enumerable.Repeat($"*a{n - 1}", 10)).Append("]\n");
        }

        return text.Append(asKey ? "? *a9\n: x\n" : "name: *a9\n").ToString();
    }

    [Fact]
    public void Load_TenThousandOpenBrackets_IsRefusedAtTheFirstTooDeepLevel()
    {
        // Without the limit this ends the test process with a stack overflow.
        var error = Refusal(new string('[', 10_000));

        Assert.Equal((1, YamlShapeLimits.MaxDepth + 1), (error.Line, error.Column));
        Assert.StartsWith($"hostile.yaml:1:{YamlShapeLimits.MaxDepth + 1}: nested more than {YamlShapeLimits.MaxDepth} levels deep", error.ToString());
    }

    [Fact]
    public void Load_DeepBalancedNestingAsAValue_IsRefused()
    {
        var error = Refusal("id: " + new string('[', 50_000) + "x" + new string(']', 50_000) + "\n");

        // The top mapping is the first level; the '[' that opens level 33 is refused.
        Assert.Equal((1, 4 + YamlShapeLimits.MaxDepth), (error.Line, error.Column));
    }

    [Fact]
    public void Load_NestingWithinTheLimit_IsReadAsUsual()
    {
        // Deep but allowed: the file is then refused for what it says, not for its shape.
        var depth = YamlShapeLimits.MaxDepth - 1;
        var refused = Assert.Throws<ProgrammeDefinitionException>(() =>
            YamlProgrammeLoader.Load("id: mini\nname: " + new string('[', depth) + "x" + new string(']', depth) + "\n", "deep.yaml"));

        Assert.Contains(refused.Errors, e => e.Path == "name" && e.Message == "expected a single value; found a list");
        Assert.DoesNotContain(refused.Errors, e => e.Message.Contains("nested", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_AliasBomb_IsRefusedAtTheAliasThatExpandsPastTheLimit(bool asKey)
    {
        // As a mapping key YamlDotNet hashes the key by expanding it: minutes without the limit.
        var error = Refusal(AliasBomb(asKey));

        Assert.Contains("aliases here make the document more than", error.Message);
        // a5 (line 7) is ten aliases of a4, 11,111 nodes each: the document passes 200,000 nodes there.
        Assert.Equal(7, error.Line);
        Assert.StartsWith("hostile.yaml:7:", error.ToString());
    }

    [Fact]
    public void Load_AliasInsideItsOwnAnchor_IsRefused()
    {
        var error = Refusal("id: &a [x, *a]\n");

        Assert.Equal((1, 12), (error.Line, error.Column));
        Assert.Contains("refers to the node it is inside", error.Message);
    }

    [Fact]
    public void Load_ModestAliases_AreStillRead()
    {
        var programme = YamlProgrammeLoader.Load(
            MiniProgramme.With((30, "    co_owners: &owners [acute, gp]"), (33, "    lived_experience: *owners")),
            MiniProgramme.FileName);

        Assert.Equal(["acute", "gp"], programme.Goals[0].LivedExperience.ToArray());
    }
}
