using Collaborative.Grains;

namespace Collaborative.Host.Programme;

internal sealed class ClinicalCommunityGrain : Grain, IClinicalCommunityGrain
{
    public async Task<CommunityProfile> GetProfileAsync()
    {
        var id = this.GetPrimaryKeyString();
        var programme = (await GrainFactory.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync()).Definition;
        var community = programme.FindCommunity(id) ?? throw new KeyNotFoundException($"Programme '{programme.Id}' has no clinical community '{id}'.");
        var goals = new List<SharedGoalProgress>();
        foreach (var goal in programme.Goals.Where(g => programme.CommunitiesOf(g).Contains(id)))
        {
            goals.Add(await GrainFactory.GetGrain<ISharedGoalGrain>(goal.Id).GetProgressAsync());
        }

        return new CommunityProfile(community, goals);
    }
}
