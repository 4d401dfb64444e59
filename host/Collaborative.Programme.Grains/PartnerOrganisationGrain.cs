using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains;

/// <summary>A partner's place in the programme and what its registered modules reported.</summary>
internal sealed class PartnerOrganisationGrain(ProgrammeDocuments documents) : Grain, IPartnerOrganisationGrain
{
    public async Task<PartnerProfile> GetProfileAsync()
    {
        // Partner → programme and partner → module registry; neither calls a partner.
        var id = this.GetPrimaryKeyString();
        var programme = documents.Definition(await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync());
        var partner = programme.FindPartner(id) ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no partner organisation '{id}'.");
        var modules = (await GrainFactory.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key).ListAsync())
            .Where(m => m.Partner == id)
            .ToList();
        return new PartnerProfile(
            id,
            partner.Name,
            [.. programme.Goals.Where(g => g.CoOwners.Contains(id)).Select(g => g.Id)],
            [.. programme.Goals.Where(g => g.Team.Any(t => t.Partner == id)).Select(g => g.Id)],
            [.. programme.Communities.Where(c => c.Members.Contains(id)).Select(c => c.Id)],
            [.. modules.Select(m => m.Description.Id)],
            modules.Sum(m => m.ObservationsReported));
    }
}
