using Collaborative.Grains;
using Collaborative.Programme.Definition;

namespace Collaborative.Host.Programme;

/// <summary>A clinical community: its members and the shared goals it works on, with their progress.</summary>
public interface IClinicalCommunityGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<CommunityProfile> GetProfileAsync();
}

public sealed record CommunityProfile(ClinicalCommunity Community, IReadOnlyList<SharedGoalProgress> Goals);
