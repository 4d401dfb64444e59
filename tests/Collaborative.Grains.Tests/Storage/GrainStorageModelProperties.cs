using System.Globalization;
using Collaborative.Grains.Storage.Memory;
using Collaborative.Grains.Storage.Sqlite;
using Collaborative.Grains.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Grains.Tests.Storage;

/// <summary>
/// Any sequence of writes and clears, each presenting the current ETag, a stale one, or none, does to a store exactly
/// what a five-line model says: success or <see cref="InconsistentStateException"/>, the returned ETag, the final record.
/// </summary>
public sealed class GrainStorageModelProperties : IDisposable
{
    private readonly TempDirectory _directory = new();

    public enum Operation
    {
        WriteWithCurrentEtag,
        WriteWithStaleEtag,
        WriteWithoutEtag,
        ClearWithCurrentEtag,
        ClearWithStaleEtag,
        ClearWithoutEtag,
    }

    [Fact]
    public void MemoryStorage_FollowsTheModel() => CheckAgainstModel(new MemoryGrainStorage());

    [Fact]
    public void SqliteStorage_FollowsTheModel()
    {
        using var storage = new SqliteGrainStorage($"Data Source={Path.Combine(_directory.Path, "model.db")}");
        CheckAgainstModel(storage); // every write is fsynced, so fewer and shorter runs than the default
    }

    public void Dispose() => _directory.Dispose();

    internal static void CheckAgainstModel(IGrainStorage storage)
    {
        var operations = Gen.Elements(Enum.GetValues<Operation>()).ArrayOf().ToArbitrary();
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(40).WithEndSize(25),
            Prop.ForAll(operations, sequence => Run(storage, sequence)));
    }

    private static bool Run(IGrainStorage storage, Operation[] sequence)
    {
        var grain = new GrainId("model", Guid.NewGuid().ToString("N"));
        long version = 0; // 0: no record
        var hasData = false;
        byte[]? lastData = null;
        for (var step = 0; step < sequence.Length; step++)
        {
            var operation = sequence[step];
            string? current = version == 0 ? null : Etag(version);
            var stale = Etag(version >= 2 ? version - 1 : version + 7);
            var presented = operation switch
            {
                Operation.WriteWithCurrentEtag or Operation.ClearWithCurrentEtag => current,
                Operation.WriteWithStaleEtag or Operation.ClearWithStaleEtag => stale,
                _ => null,
            };
            var isWrite = operation is Operation.WriteWithCurrentEtag or Operation.WriteWithStaleEtag or Operation.WriteWithoutEtag;
            var data = new[] { (byte)step, (byte)(step >> 8) };

            // The model: a write or clear succeeds only if it presents the stored ETag (none when there is no record);
            // success moves the version on, except clearing nothing, which changes nothing and returns no ETag.
            var succeeds = presented == current;
            string? expectedEtag = !succeeds ? null : !isWrite && version == 0 ? null : Etag(version + 1);

            string? etag;
            try
            {
                etag = isWrite
                    ? storage.WriteAsync(grain, "s", data, presented, default).GetAwaiter().GetResult()
                    : storage.ClearAsync(grain, "s", presented, default).GetAwaiter().GetResult();
            }
            catch (InconsistentStateException e) when (!succeeds)
            {
                Assert.Equal(current, e.StoredEtag);
                Assert.Equal(presented, e.CurrentEtag);
                continue;
            }

            Assert.True(succeeds, $"step {step}: {operation} with ETag {presented ?? "none"} succeeded against stored {current ?? "none"}");
            Assert.Equal(expectedEtag, etag);
            if (expectedEtag is not null)
            {
                version++;
                hasData = isWrite;
                lastData = isWrite ? data : null;
            }
        }

        var record = storage.ReadAsync(grain, "s", default).GetAwaiter().GetResult();
        if (version == 0)
        {
            return record is null;
        }

        return record is not null && record.Etag == Etag(version) && (record.Data is not null) == hasData
               && (!hasData || record.Data!.SequenceEqual(lastData!));
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
