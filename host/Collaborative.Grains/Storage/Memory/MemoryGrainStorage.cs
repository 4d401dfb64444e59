namespace Collaborative.Grains.Storage.Memory;

/// <summary>In-process storage with the same compare-and-set rules as the durable stores. For tests only: state is
/// lost when the process exits.</summary>
internal sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(GrainId Grain, string State), (byte[]? Data, long Version)> _records = [];

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult(_records.TryGetValue((grainId, stateName), out var record)
                ? new GrainStateRecord(record.Data?.ToArray(), StorageConflicts.Etag(record.Version))
                : null);
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken) =>
        Task.FromResult(Store(grainId, stateName, data.ToArray(), etag)!);

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken) =>
        Task.FromResult(Store(grainId, stateName, data: null, etag));

    private string? Store(GrainId grainId, string stateName, byte[]? data, string? etag)
    {
        var expected = StorageConflicts.ParseEtag(grainId, stateName, etag);
        lock (_records)
        {
            long? stored = _records.TryGetValue((grainId, stateName), out var record) ? record.Version : null;
            if (stored != expected)
            {
                throw StorageConflicts.Conflict(grainId, stateName, stored, etag);
            }

            if (data is null && stored is null)
            {
                return null; // clearing what was never written
            }

            var version = (stored ?? 0) + 1;
            _records[(grainId, stateName)] = (data, version);
            return StorageConflicts.Etag(version);
        }
    }
}
