using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The key ring that protects cookies and antiforgery tokens, as Data Protection's XML elements: one per
/// cluster, so a cookie one host protected is read by every host.
/// </summary>
public interface IDataProtectionKeysGrain : IGrainWithStringKey
{
    /// <summary>The one key ring of a cluster.</summary>
    const string Key = "data-protection";

    /// <summary>Every stored element's XML, in the order they were stored.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>Stores an element; an element of the same friendly name is replaced.</summary>
    Task StoreAsync(string friendlyName, string xml);
}
