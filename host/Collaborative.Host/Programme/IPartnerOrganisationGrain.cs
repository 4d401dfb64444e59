using Collaborative.Grains;
using Collaborative.Programme.Definition;

namespace Collaborative.Host.Programme;

/// <summary>A partner organisation: who it is and where it takes part (goals it co-owns or staffs, communities).</summary>
public interface IPartnerOrganisationGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<PartnerProfile> GetProfileAsync();
}

public sealed record PartnerProfile(PartnerOrganisation Partner, IReadOnlyList<string> CoOwnedGoals, IReadOnlyList<string> TeamGoals, IReadOnlyList<string> Communities);
