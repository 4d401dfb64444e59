using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Collaborative.Programme.Grains.Tests;

public sealed class StorageConflictsTests
{
    [Fact]
    public async Task WriteAsync_ConflictingEveryTime_GivesUpAfterMaxRetriesHavingReread()
    {
        var state = new ConflictingState(conflicts: int.MaxValue);
        var reloads = 0;
        var conflicts = new StorageConflicts(Options.Create(new StorageConflictOptions { MaxRetries = 2, Delay = TimeSpan.Zero }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicts.WriteAsync(state, () => 1, () => reloads++));

        Assert.Equal(3, state.Writes);
        Assert.Equal(3, state.Reads);   // before each retry, and once more to forget the change
        Assert.Equal(3, reloads);
    }

    [Fact]
    public async Task WriteAsync_ConflictingOnce_AppliesTheChangeAgainAndSucceeds()
    {
        var state = new ConflictingState(conflicts: 1);
        var applied = 0;
        var conflicts = new StorageConflicts(Options.Create(new StorageConflictOptions { MaxRetries = 3, Delay = TimeSpan.Zero }));

        var result = await conflicts.WriteAsync(state, () => ++applied, () => { });

        Assert.Equal(2, result);
        Assert.Equal(2, state.Writes);
        Assert.Equal(1, state.Reads);
    }

    [Fact]
    public async Task WriteAsync_WithRetriesOff_FailsAtTheFirstConflict()
    {
        var state = new ConflictingState(conflicts: 1);
        var conflicts = new StorageConflicts(Options.Create(new StorageConflictOptions { MaxRetries = 0 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicts.WriteAsync(state, () => 1, () => { }));

        Assert.Equal(1, state.Writes);
    }

    [Fact]
    public void Options_Negative_AreRefusedByName()
    {
        var refusal = Assert.Throws<OptionsValidationException>(() => new StorageConflicts(Options.Create(new StorageConflictOptions { MaxRetries = -1 })));

        Assert.Contains("MaxRetries", refusal.Message);
    }

    /// <summary>A persistent state whose first writes are refused as stale, counting reads and writes.</summary>
    private sealed class ConflictingState(int conflicts) : IPersistentState<string>
    {
        private int _conflictsLeft = conflicts;

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public string State { get; set; } = string.Empty;

        public string? Etag => Writes.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool RecordExists => Writes > 0;

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync()
        {
            Reads++;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            Writes++;
            if (_conflictsLeft > 0)
            {
                _conflictsLeft--;
                throw new InconsistentStateException("stale ETag", "stored", "this activation's");
            }

            return Task.CompletedTask;
        }
    }
}
