using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Orleans.Runtime;
using static Collaborative.Programme.Grains.Tests.Observations;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class MeasureGrainTests(ProgrammeCluster cluster)
{
    [Fact]
    public async Task RecordAsync_ABatch_AnswersEachObservationInOrder()
    {
        var measure = cluster.Grains.GetGrain<IMeasureGrain>("calls-answered-batch");

        var first = await measure.RecordAsync(Batch(Monthly("a", "calls-answered-batch", "2026-01", 10), Monthly("b", "calls-answered-batch", "2026-02", 12)));
        var second = await measure.RecordAsync(Batch(
            Monthly("a", "calls-answered-batch", "2026-01", 10),   // re-sent: duplicate
            Monthly("c", "calls-answered-batch", "2026-01", 11),   // new value for January: revision 2
            Monthly("b", "calls-answered-batch", "2026-02", 99))); // same id, other content: conflict

        Assert.Equal([MeasureRecordOutcome.Accepted, MeasureRecordOutcome.Accepted], first.Select(r => r.Outcome));
        Assert.Equal([MeasureRecordOutcome.Duplicate, MeasureRecordOutcome.Revised, MeasureRecordOutcome.Conflict], second.Select(r => r.Outcome));
        Assert.Equal(2, second[1].Revision);
        Assert.Contains("'b'", second[2].Conflict);
        var history = await measure.GetHistoryAsync();
        Assert.Equal(["a", "b", "c"], history.Observations.Select(o => o.Id));
        Assert.Equal(3, history.Sequence);
        Assert.Equal(12, history.Observations.Single(o => o.Id == "b").Value);
    }

    [Fact]
    public async Task RecordAsync_UpToFirstConflict_RecordsNothingAfterTheConflict()
    {
        var measure = cluster.Grains.GetGrain<IMeasureGrain>("calls-answered-upto");
        await measure.RecordAsync(Batch(Monthly("a", "calls-answered-upto", "2026-01", 10)));

        var results = await measure.RecordAsync(Batch(
            Monthly("b", "calls-answered-upto", "2026-02", 12),
            Monthly("a", "calls-answered-upto", "2026-01", 99),   // same id, other content: conflict
            Monthly("c", "calls-answered-upto", "2026-03", 13)) with { UpToFirstConflict = true });

        Assert.Equal([MeasureRecordOutcome.Accepted, MeasureRecordOutcome.Conflict], results.Select(r => r.Outcome));
        Assert.Equal(["a", "b"], (await measure.GetHistoryAsync()).Observations.Select(o => o.Id));
    }

    [Fact]
    public async Task CheckAsync_AnswersWhatRecordAsyncWould_AndRecordsNothing()
    {
        const string id = "calls-answered-check";
        var measure = cluster.Grains.GetGrain<IMeasureGrain>(id);
        await measure.RecordAsync(Batch(Monthly("a", id, "2026-01", 10)));
        var batch = Batch(
            Monthly("a", id, "2026-01", 10),   // re-sent: duplicate
            Monthly("b", id, "2026-02", 12),
            Monthly("b", id, "2026-02", 13),   // same id as the one before it in the batch, other content: conflict
            Monthly("c", id, "2026-03", 14)) with { UpToFirstConflict = true };

        var check = await measure.CheckAsync(batch);

        Assert.Equal([MeasureRecordOutcome.Duplicate, MeasureRecordOutcome.Accepted, MeasureRecordOutcome.Conflict], check.Select(r => r.Outcome));
        Assert.Contains("'b'", check[2].Conflict);
        Assert.Equal(["a"], (await measure.GetHistoryAsync()).Observations.Select(o => o.Id));
        Assert.Equal(1, await measure.GetSequenceAsync());
        Assert.Equal(check.Select(r => (r.ObservationId, r.Outcome)), (await measure.RecordAsync(batch)).Select(r => (r.ObservationId, r.Outcome)));
    }

    [Fact]
    public async Task RecordAsync_Observations_OutliveTheActivation()
    {
        var measure = cluster.Grains.GetGrain<IMeasureGrain>("calls-answered-durable");
        await measure.RecordAsync(Batch(Monthly("a", "calls-answered-durable", "2026-03", 7)));

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var history = await measure.GetHistoryAsync();
        Assert.Equal(["a"], history.Observations.Select(o => o.Id));
        Assert.Equal(1, await measure.GetSequenceAsync());
        Assert.Equal(MeasureRecordOutcome.Duplicate, (await measure.RecordAsync(Batch(Monthly("a", "calls-answered-durable", "2026-03", 7))))[0].Outcome);
    }

    [Fact]
    public async Task RecordAsync_AnotherMeasuresObservation_IsRefused()
    {
        var measure = cluster.Grains.GetGrain<IMeasureGrain>("calls-answered-wrong");

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => measure.RecordAsync(Batch(Monthly("a", "other-measure", "2026-01", 1))));

        Assert.Contains("other-measure", refusal.Message);
        Assert.Equal(0, await measure.GetSequenceAsync());
    }

    [Fact]
    public async Task RecordAsync_AfterAnotherWriterWroteFirst_RetriesOnWhatIsStored()
    {
        const string id = "calls-answered-conflict";
        var measure = cluster.Grains.GetGrain<IMeasureGrain>(id);
        await measure.RecordAsync(Batch(Monthly("a", id, "2026-01", 1)));

        // Another activation (as on a host that failed over) writes behind this one's back.
        var grainId = measure.GetGrainId();
        var stored = new GrainState<MeasureState>(new MeasureState());
        await cluster.Storage.ReadStateAsync("measure", grainId, stored);
        var behindItsBack = stored.State ?? throw new InvalidOperationException("The first write was not stored.");
        behindItsBack.Observations.Add(Monthly("elsewhere", id, "2026-02", 2));
        await cluster.Storage.WriteStateAsync("measure", grainId, stored);

        var results = await measure.RecordAsync(Batch(Monthly("elsewhere", id, "2026-02", 2), Monthly("b", id, "2026-03", 3)));

        Assert.Equal([MeasureRecordOutcome.Duplicate, MeasureRecordOutcome.Accepted], results.Select(r => r.Outcome));
        var history = await measure.GetHistoryAsync();
        Assert.Equal(["a", "elsewhere", "b"], history.Observations.Select(o => o.Id));
        var afterCollection = await ReadStoredAsync(grainId);
        Assert.Equal(["a", "elsewhere", "b"], afterCollection.Observations.Select(o => o.Id));
    }

    [Fact]
    public async Task SubscribeAsync_AWatcher_HearsOfEachAcceptedBatch()
    {
        const string id = "calls-answered-watched";
        var measure = cluster.Grains.GetGrain<IMeasureGrain>(id);
        var watcher = new ProgressWatcher();
        var reference = cluster.Client.CreateObjectReference<IProgressWatcher>(watcher);
        await measure.SubscribeAsync(reference);

        await measure.RecordAsync(Batch(Monthly("a", id, "2026-01", 1), Monthly("b", id, "2026-02", 2)));

        Assert.Equal(2, await watcher.MeasureSignal(id));
        await measure.UnsubscribeAsync(reference);
        cluster.Client.DeleteObjectReference<IProgressWatcher>(reference);
    }

    private async Task<MeasureState> ReadStoredAsync(GrainId grainId)
    {
        var stored = new GrainState<MeasureState>(new MeasureState());
        await cluster.Storage.ReadStateAsync("measure", grainId, stored);
        return stored.State ?? new MeasureState();
    }
}
