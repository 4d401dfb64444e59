using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class PartnerOrganisationGrainTests(ProgrammeCluster cluster)
{
    [Fact]
    public async Task GetProfileAsync_IsThePartnersGoalsCommunitiesAndReportingModules()
    {
        var programme = await cluster.ProgrammeAsync();
        var partner = programme.Partners[^1];
        var registry = cluster.Grains.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key);
        await registry.RegisterAsync(new PluginDescription { Id = "partner-profile-desk", Name = "Desk" }, partner.Id, "tests", DateTimeOffset.UtcNow);
        await registry.RecordReportsAsync("partner-profile-desk", 12, DateTimeOffset.UtcNow);

        var profile = await cluster.Grains.GetGrain<IPartnerOrganisationGrain>(partner.Id).GetProfileAsync();

        Assert.Equal(partner.Name, profile.Name);
        Assert.Equal(programme.Goals.Where(g => g.CoOwners.Contains(partner.Id)).Select(g => g.Id), profile.CoOwnedGoals.AsEnumerable());
        Assert.Equal(programme.Communities.Where(c => c.Members.Contains(partner.Id)).Select(c => c.Id), profile.Communities.AsEnumerable());
        Assert.Contains("partner-profile-desk", profile.Modules);
        Assert.True(profile.ObservationsReported >= 12);
    }

    [Fact]
    public async Task GetProfileAsync_OfAnUnknownPartner_SaysSo()
    {
        var refusal = await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Grains.GetGrain<IPartnerOrganisationGrain>("no-such-trust").GetProfileAsync());

        Assert.Contains("no-such-trust", refusal.Message);
    }
}
