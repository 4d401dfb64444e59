namespace Collaborative.Grains.Abstractions;

/// <summary>A clinical community of one programme (key "programmeId/communityId"): its members and the shared goals it works on, with their progress.</summary>
public interface IClinicalCommunityGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="KeyNotFoundException"/> when the programme has no such community.</summary>
    [ReadOnly]
    Task<CommunityProfile> GetProfileAsync();
}
