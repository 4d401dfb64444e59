using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Orleans.Core.Internal;
using static Collaborative.Programme.Grains.Tests.MethodWrites;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// An edit of a programme's definition made through the improvement method (a driver diagram): stored only while the
/// definition is still the version it was made to, and audited with the definition's new version; the audit entry is
/// stored beside the definition, so an audit that cannot be written follows later rather than being lost.
/// </summary>
[Collection(MethodClusterCollection.Name)]
public sealed class ProgrammeAuditedUpdateTests(MethodCluster cluster)
{
    [Fact]
    public async Task AnEditOfTheVersionInForce_IsStored_AndAuditedWithTheNewVersion()
    {
        var (scope, programme, document) = await NewAsync("audited-update");

        var update = await programme.UpdateAuditedAsync(document.Yaml, "edited.yaml", document.Version, Entry());

        Assert.True(update.Accepted, string.Join("; ", update.Errors));
        Assert.Equal(document.Version + 1, update.Version);
        var entry = Assert.Single(await cluster.AuditAsync(scope, MethodCluster.Today));
        Assert.Equal((update.Version, "driver_diagram", "dignity-always", "Board chair"), (entry.Version, entry.RecordKind, entry.RecordId, entry.Author.Principal));
    }

    [Fact]
    public async Task AnEditOfAnOlderVersion_IsRefusedNamingTheVersion_AndNothingIsStoredOrAudited()
    {
        var (scope, programme, document) = await NewAsync("audited-update-stale");
        Assert.True((await programme.UpdateAsync(document.Yaml, "meanwhile.yaml")).Accepted); // somebody else's change

        var update = await programme.UpdateAuditedAsync(document.Yaml, "edited.yaml", document.Version, Entry());

        Assert.False(update.Accepted);
        var error = Assert.Single(update.Errors);
        Assert.Equal("version", error.Path);
        Assert.Contains($"not {document.Version}", error.Message, StringComparison.Ordinal);
        var now = await programme.GetAsync();
        Assert.Equal((document.Version + 1, "meanwhile.yaml"), (now.Version, now.FileName));
        Assert.Empty(await cluster.AuditAsync(scope, MethodCluster.Today));
    }

    [Fact]
    public async Task AnEditWhoseAuditFails_IsStoredWithItsEntryPending_AndTheNextActivationAuditsIt()
    {
        var (scope, programme, document) = await NewAsync("audited-update-pending");
        cluster.Faults.FailWritesOf = "method-audit";
        ProgrammeUpdate update;
        try
        {
            update = await programme.UpdateAuditedAsync(document.Yaml, "edited.yaml", document.Version, Entry());
        }
        finally
        {
            cluster.Faults.FailWritesOf = null;
        }

        Assert.True(update.Accepted);
        Assert.Empty(await cluster.AuditAsync(scope, MethodCluster.Today));
        var state = new GrainState<ProgrammeState>(new ProgrammeState());
        await cluster.Storage.ReadStateAsync("programme", programme.GetGrainId(), state);
        Assert.Equal([update.Version], state.State!.PendingAudit.Select(e => e.Version));

        await programme.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        while (audit.IsEmpty && DateTime.UtcNow < deadline)
        {
            Assert.Equal(update.Version, (await programme.GetAsync()).Version); // a call activates the grain again
            audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        }

        Assert.Equal(update.Version, Assert.Single(audit).Version);
    }

    private async Task<(ProgrammeScope Scope, IProgrammeGrain Programme, ProgrammeDocument Document)> NewAsync(string id)
    {
        var (scope, _) = await NewProgrammeAsync(cluster.Grains, id);
        var programme = cluster.Grains.GetGrain<IProgrammeGrain>(scope.GrainKey);
        return (scope, programme, await programme.GetAsync());
    }

    private static MethodAuditEntry Entry()
    {
        var entry = new MethodAuditEntry
        {
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(MethodCluster.Start),
            Author = Leader,
            RecordKind = "driver_diagram",
            RecordId = "dignity-always",
            Action = "updated",
        };
        entry.GoalIds.Add("dignity-always");
        entry.Changes.Add(new FieldChange { Field = "reviewed", Before = "2026-01-05", After = "2026-12-15" });
        return entry;
    }
}
