using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Method;

/// <summary>Who may record a goal's improvement method: leaders, admins and the local user every goal; a partner its organisation's; nobody else.</summary>
public sealed class MethodWritersTests
{
    private static readonly SharedGoal Other = Goal with { Id = "other", CoOwners = ["acute"], DriverDiagram = null };

    private static readonly ProgrammeDefinition Two = Mini with { Goals = [Goal, Other] };

    [Theory]
    [InlineData("leader", null, true, true)]
    [InlineData("admin", null, true, true)]
    [InlineData("local user", null, true, true)]
    [InlineData("partner", "gp", true, false)]
    [InlineData("partner", "acute", true, true)]
    [InlineData("partner", null, false, false)]
    [InlineData("staff", "gp", false, false)]
    [InlineData("Leader", null, false, false)]
    public void MayWrite_FollowsTheRoleAndTheGoalsCoOwners(string role, string? partner, bool fewerOpioids, bool other)
    {
        Assert.Equal(fewerOpioids, MethodWriters.MayWrite(role, partner, Goal));
        Assert.Equal(other, MethodWriters.MayWrite(role, partner, Other));
    }

    [Fact]
    public void Denial_NamesTheFirstGoalRefused_AndItsCoOwners_IgnoringGoalsTheProgrammeHasNot()
    {
        Assert.Null(MethodWriters.Denial("partner", "gp", ["fewer-opioids", "no-such-goal"], Two));
        Assert.Null(MethodWriters.Denial("leader", null, ["fewer-opioids", "other"], Two));
        Assert.Equal(
            $"partner 'gp' does not co-own goal 'other' (co-owners: acute): {MethodWriters.Rule}",
            MethodWriters.Denial("partner", "gp", ["fewer-opioids", "other", "other"], Two));
        Assert.Equal($"a staff does not record the improvement method: {MethodWriters.Rule}", MethodWriters.Denial("staff", "gp", [], Two));
        Assert.Equal($"a caller with no role does not record the improvement method: {MethodWriters.Rule}", MethodWriters.Denial("", null, [], Two));
    }
}
