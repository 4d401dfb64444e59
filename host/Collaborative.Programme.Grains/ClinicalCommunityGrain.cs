using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains;

/// <summary>A community's members and the progress of the goals it works on.</summary>
internal sealed class ClinicalCommunityGrain(ProgrammeDocuments documents) : Grain, IClinicalCommunityGrain
{
    public async Task<CommunityProfile> GetProfileAsync()
    {
        // Community → programme and community → goal; no grain calls a community.
        var id = this.GetPrimaryKeyString();
        var programme = documents.Definition(await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync());
        var community = programme.FindCommunity(id) ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no clinical community '{id}'.");
        var goals = await Task.WhenAll(programme.Goals
            .Where(g => programme.CommunitiesOf(g).Contains(id))
            .Select(g => GrainFactory.GetGrain<ISharedGoalGrain>(g.Id).GetProgressAsync()));
        return new CommunityProfile(id, community.Name, [.. community.Members], [.. goals]);
    }
}
