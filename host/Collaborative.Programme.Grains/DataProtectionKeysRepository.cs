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
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Ring.ListAsync().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Ring.StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
