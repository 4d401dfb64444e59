using System.Xml.Linq;
using Collaborative.Grains.Abstractions;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Collaborative.Programme.Grains;

/// <summary>
/// Data Protection's key ring kept in <see cref="IDataProtectionKeysGrain"/>, so every host of a cluster protects
/// and reads cookies and antiforgery tokens with the same keys.
/// </summary>
internal sealed class DataProtectionKeysRepository(IGrainFactory grains) : IXmlRepository
{
    private IDataProtectionKeysGrain Ring => grains.GetGrain<IDataProtectionKeysGrain>(IDataProtectionKeysGrain.Key);

    // IXmlRepository is synchronous; the key manager calls it rarely (start, refresh, a new key), never from a grain.
    // The call runs on the thread pool: a caller inside a synchronization context (a Razor page rendering its
    // antiforgery token) would otherwise block the very context the grain call's reply resumes on, and wait forever.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Task.Run(() => Ring.ListAsync()).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var xml = element.ToString(SaveOptions.DisableFormatting);
        Task.Run(() => Ring.StoreAsync(friendlyName, xml)).GetAwaiter().GetResult();
    }
}
