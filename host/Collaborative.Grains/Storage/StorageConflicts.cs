using System.Globalization;

namespace Collaborative.Grains.Storage;

/// <summary>The ETag rules shared by the stores: an ETag is the record's version number, which only ever grows.</summary>
internal static class StorageConflicts
{
    internal static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    internal static long? ParseEtag(GrainId id, string stateName, string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new InconsistentStateException($"State '{stateName}' of grain {id}: '{etag}' is not an ETag from this storage.", null, etag) { GrainId = id };
    }

    internal static InconsistentStateException Conflict(GrainId id, string stateName, long? storedVersion, string? presented) =>
        new($"State '{stateName}' of grain {id} was changed elsewhere: stored ETag {(storedVersion is { } v ? Etag(v) : "none")}, " +
            $"grain presented {presented ?? "none"}. The grain is deactivated so its next call reads fresh state.",
            storedVersion is { } stored ? Etag(stored) : null,
            presented)
        {
            GrainId = id,
        };
}
