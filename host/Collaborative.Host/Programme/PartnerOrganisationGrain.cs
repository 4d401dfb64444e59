using Collaborative.Grains;

namespace Collaborative.Host.Programme;

internal sealed class PartnerOrganisationGrain : Grain, IPartnerOrganisationGrain
{
    public async Task<PartnerProfile> GetProfileAsync()
    {
        var id = this.GetPrimaryKeyString();
        var programme = (await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync()).Definition;
        var partner = programme.FindPartner(id) ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no partner organisation '{id}'.");
        return new PartnerProfile(
            partner,
            programme.Goals.Where(g => g.CoOwners.Contains(id)).Select(g => g.Id).ToList(),
            programme.Goals.Where(g => g.Team.Any(t => t.Partner == id)).Select(g => g.Id).ToList(),
            programme.Communities.Where(c => c.Members.Contains(id)).Select(c => c.Id).ToList());
    }
}
