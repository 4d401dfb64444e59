using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Defaults;

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
        var inDefault = Assert.Single(profile.Programmes, p => p.ProgrammeId == programme.Id);
        Assert.Equal(programme.Name, inDefault.ProgrammeName);
        Assert.Equal(programme.Goals.Where(g => g.CoOwners.Contains(partner.Id)).Select(g => g.Id), inDefault.CoOwnedGoals.AsEnumerable());
        Assert.Equal(programme.Communities.Where(c => c.Members.Contains(partner.Id)).Select(c => c.Id), inDefault.Communities.AsEnumerable());
        Assert.Contains("partner-profile-desk", profile.Modules);
        Assert.True(profile.ObservationsReported >= 12);
    }

    [Fact]
    public async Task GetProfileAsync_OfAPartnerInBothSampleProgrammes_ListsEachWithTheGoalsItCoOwnsThere()
    {
        await cluster.ScopeAsync();

        var profile = await cluster.Grains.GetGrain<IPartnerOrganisationGrain>("sheffield-teaching-ft").GetProfileAsync();

        Assert.Equal("Sheffield Teaching Hospitals NHS Foundation Trust", profile.Name);
        // The samples first, in the directory's order (other tests of this silo may have created more since).
        Assert.Equal([DefaultProgramme.Load().Id, "sheffield-corporate-clinical"], profile.Programmes.Take(2).Select(p => p.ProgrammeId));
        Assert.Equal(["coaches-keep-coaching", "teams-keep-meeting"], profile.Programmes[0].CoOwnedGoals.AsEnumerable());
        Assert.Equal(["ward-issues-resolved", "dignity-always"], profile.Programmes[1].CoOwnedGoals.AsEnumerable());
        Assert.Equal(["ward-sisters", "dignity-in-practice"], profile.Programmes[1].Communities.AsEnumerable());
    }

    [Fact]
    public async Task GetProfileAsync_OfAPartnerInOneProgramme_ListsOnlyThatOne()
    {
        await cluster.ScopeAsync();

        var profile = await cluster.Grains.GetGrain<IPartnerOrganisationGrain>("manorlands-hospice").GetProfileAsync();

        var only = Assert.Single(profile.Programmes);
        Assert.Equal(DefaultProgramme.Load().Id, only.ProgrammeId);
        Assert.Contains("fewer-hospital-deaths", only.CoOwnedGoals);
    }

    [Fact]
    public async Task GetProfileAsync_OfAnUnknownPartner_SaysSo()
    {
        var refusal = await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Grains.GetGrain<IPartnerOrganisationGrain>("no-such-trust").GetProfileAsync());

        Assert.Contains("no-such-trust", refusal.Message);
    }
}
