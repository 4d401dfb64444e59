using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains;

/// <summary>A community of one programme ("programmeId/communityId"): its members and the progress of the goals it works on.</summary>
internal sealed class ClinicalCommunityGrain(ProgrammeDocuments documents) : Grain, IClinicalCommunityGrain
{
    public async Task<CommunityProfile> GetProfileAsync()
    {
        // Community → programme and community → goal; no grain calls a community.
        var (programmeKey, prefix, id) = ProgrammeScope.Split(this.GetPrimaryKeyString());
        var document = await GrainFactory.GetGrain<IProgrammeGrain>(programmeKey).GetAsync();
        if (document.Version == 0)
        {
            throw new KeyNotFoundException($"There is no programme '{programmeKey}' (community '{id}').");
        }

        var programme = documents.Definition(document);
        var community = programme.FindCommunity(id) ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no clinical community '{id}'.");
        var goals = await Task.WhenAll(programme.Goals
            .Where(g => programme.CommunitiesOf(g).Contains(id))
            .Select(g => GrainFactory.GetGrain<ISharedGoalGrain>(prefix + g.Id).GetProgressAsync()));
        return new CommunityProfile(id, community.Name, [.. community.Members], [.. goals]);
    }
}
