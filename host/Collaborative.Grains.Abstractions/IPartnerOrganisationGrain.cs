namespace Collaborative.Grains.Abstractions;

/// <summary>
/// A partner organisation of the whole ICS (keyed by its partner id, the same in every programme): the
/// programmes it takes part in and its goals in each, its modules and the data they reported.
/// </summary>
public interface IPartnerOrganisationGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="KeyNotFoundException"/> when no programme of the deployment has such a partner.</summary>
    [ReadOnly]
    Task<PartnerProfile> GetProfileAsync();
}
