using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class ClinicalCommunityGrainTests(ProgrammeCluster cluster)
{
    [Fact]
    public async Task GetProfileAsync_IsTheMembersAndEachGoalsProgress()
    {
        var scope = await cluster.ScopeAsync();
        var programme = await cluster.ProgrammeAsync(scope);
        var community = programme.Communities[0];

        var profile = await cluster.Grains.GetGrain<IClinicalCommunityGrain>(scope.CommunityKey(community.Id)).GetProfileAsync();

        Assert.Equal(community.Name, profile.Name);
        Assert.Equal(community.Members.AsEnumerable(), profile.Members.AsEnumerable());
        Assert.Equal(programme.Goals.Where(g => programme.CommunitiesOf(g).Contains(community.Id)).Select(g => g.Id), profile.Goals.Select(g => g.GoalId));
    }

    [Fact]
    public async Task GetProfileAsync_OfAnUnknownCommunity_SaysSo()
    {
        var scope = await cluster.ScopeAsync();

        var refusal = await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Grains.GetGrain<IClinicalCommunityGrain>(scope.CommunityKey("no-such-community")).GetProfileAsync());

        Assert.Contains("no-such-community", refusal.Message);
    }
}
