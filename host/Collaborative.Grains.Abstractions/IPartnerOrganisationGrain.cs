namespace Collaborative.Grains.Abstractions;

/// <summary>A partner organisation: its goals, its communities, the modules it runs and the data they reported.</summary>
public interface IPartnerOrganisationGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="KeyNotFoundException"/> when the programme has no such partner.</summary>
    [ReadOnly]
    Task<PartnerProfile> GetProfileAsync();
}
