using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains;

/// <summary>
/// A partner organisation of the ICS (keyed by its partner id): its place in each programme of the deployment that
/// names it, and what its registered modules reported.
/// </summary>
internal sealed class PartnerOrganisationGrain(ProgrammeDocuments documents) : Grain, IPartnerOrganisationGrain
{
    public async Task<PartnerProfile> GetProfileAsync()
    {
        // Partner → directory, programme and module registry; none of them calls a partner.
        var id = this.GetPrimaryKeyString();
        var portfolio = await GrainFactory.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key).ListAsync();
        string? name = null;
        var programmes = new List<PartnerInProgramme>();
        foreach (var scope in portfolio.Programmes)
        {
            var document = await GrainFactory.GetGrain<IProgrammeGrain>(scope.GrainKey).GetAsync();
            if (document.IsRefused || documents.Definition(document) is not { } programme || programme.FindPartner(id) is not { } partner)
            {
                continue; // a programme this host refuses says nothing about who takes part in it
            }

            name ??= partner.Name;
            programmes.Add(new PartnerInProgramme(
                programme.Id,
                programme.Name,
                [.. programme.Goals.Where(g => g.CoOwners.Contains(id)).Select(g => g.Id)],
                [.. programme.Goals.Where(g => g.Team.Any(t => t.Partner == id)).Select(g => g.Id)],
                [.. programme.Communities.Where(c => c.Members.Contains(id)).Select(c => c.Id)]));
        }

        if (name is null)
        {
            throw new KeyNotFoundException($"No programme of this deployment has a partner organisation '{id}'.");
        }

        var modules = (await GrainFactory.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key).ListAsync())
            .Where(m => m.Partner == id)
            .ToList();
        return new PartnerProfile(id, name, [.. programmes], [.. modules.Select(m => m.Description.Id)], modules.Sum(m => m.ObservationsReported));
    }
}
