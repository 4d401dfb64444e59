using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Orleans.Core.Internal;
using static Collaborative.Programme.Grains.Tests.MethodWrites;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// A write stands with its audit entry stored beside it even when the month's audit cannot be written (the store
/// refuses the audit grain's writes); the entry is added when the audit can be written again: by the next write, or
/// by the grain's next activation. A write the store refuses is not acknowledged and leaves nothing behind.
/// </summary>
[Collection(MethodClusterCollection.Name)]
public sealed class MethodAuditPendingTests(MethodCluster cluster)
{
    [Fact]
    public async Task AWriteWhoseAuditFails_IsStoredWithItsEntryPending_AndTheNextWriteAuditsBoth()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-pending-write");

        var first = await WriteWithTheAuditDownAsync(method, Write(Planned()));

        Assert.True(first.Accepted);
        Assert.Equal(1, await method.GetVersionAsync());
        Assert.Empty(await cluster.AuditAsync(scope, MethodCluster.Today));
        var stored = await StoredAsync(method);
        Assert.Equal(first.Stored!.Stored.Cycle, Assert.Single(stored.Records.Cycles));
        var pending = Assert.Single(stored.PendingAudit);
        Assert.Equal((1L, "pdsa_cycle", "pdsa-1"), (pending.Version, pending.RecordKind, pending.RecordId));

        var second = await method.WriteAsync(Write(Note()), Leader);

        Assert.True(second.Accepted);
        Assert.Equal([(1L, "pdsa_cycle"), (2L, "annotation")], (await cluster.AuditAsync(scope, MethodCluster.Today)).Select(e => (e.Version, e.RecordKind)));
        // Once in the audit, an entry leaves the stored state with the next write (which stores its own, as every write does).
        await method.WriteAsync(Write(Score(Ward, "2026-12", 3.0)), Leader);
        Assert.Equal([3L], (await StoredAsync(method)).PendingAudit.Select(e => e.Version));
        Assert.Equal(3, (await cluster.AuditAsync(scope, MethodCluster.Today)).Length);
    }

    [Fact]
    public async Task AnEntryLeftPending_IsAuditedByTheGrainsNextActivation()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-pending-activation");
        var written = await WriteWithTheAuditDownAsync(method, Write(Score(Dignity, "2026-11", 2.5)));
        Assert.True(written.Accepted);
        Assert.Empty(await cluster.AuditAsync(scope, MethodCluster.Today));

        await method.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        while (audit.IsEmpty && DateTime.UtcNow < deadline)
        {
            Assert.Equal(1, await method.GetVersionAsync()); // a call activates the grain again
            audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        }

        var entry = Assert.Single(audit);
        Assert.Equal((1L, "progress_score", "dignity-always/2026-11", "created"), (entry.Version, entry.RecordKind, entry.RecordId, entry.Action));
    }

    [Fact]
    public async Task AWriteTheStoreRefuses_FailsTheCall_AndLeavesNothingBehind_NotEvenItsId()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-store-down");
        cluster.Faults.FailWritesOf = "method";
        try
        {
            var failed = await Assert.ThrowsAsync<OrleansException>(() => method.WriteAsync(Write(Planned()), Leader));
            Assert.Contains("test fault: the store refuses writes of 'method'", failed.ToString());
        }
        finally
        {
            cluster.Faults.FailWritesOf = null;
        }

        Assert.Equal(new MethodRecords(), await method.GetAsync());
        Assert.Empty(await cluster.AuditAsync(scope, MethodCluster.Today));
        var written = await method.WriteAsync(Write(Planned()), Leader);
        Assert.Equal((1L, "pdsa-1"), (written.Stored!.Version, written.Stored.Stored.Cycle.Id));
        Assert.Equal([1L], (await cluster.AuditAsync(scope, MethodCluster.Today)).Select(e => e.Version));
    }

    private async Task<MethodWriteResult> WriteWithTheAuditDownAsync(IProgrammeMethodGrain method, MethodWrite write)
    {
        cluster.Faults.FailWritesOf = "method-audit";
        try
        {
            return await method.WriteAsync(write, Leader);
        }
        finally
        {
            cluster.Faults.FailWritesOf = null;
        }
    }

    /// <summary>The method grain's state as the store holds it.</summary>
    private async Task<ProgrammeMethodState> StoredAsync(IProgrammeMethodGrain method)
    {
        var state = new GrainState<ProgrammeMethodState>(new ProgrammeMethodState());
        await cluster.Storage.ReadStateAsync("method", method.GetGrainId(), state);
        return state.State ?? new ProgrammeMethodState();
    }
}
