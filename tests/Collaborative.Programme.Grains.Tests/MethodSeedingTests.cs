using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Method;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>The sample programmes' method records, seeded on the first start of a store, once.</summary>
[Collection(MethodClusterCollection.Name)]
public sealed class MethodSeedingTests(MethodCluster cluster)
{
    private static readonly string[] Samples = [DefaultProgramme.Load().Id, "sheffield-corporate-clinical"];

    [Fact]
    public async Task FirstStart_SeedsEachSampleProgramme_WithTheSamplesRecordsForToday_AuditedAsOneSampleEntry()
    {
        var portfolio = await cluster.PortfolioAsync();

        foreach (var id in Samples)
        {
            var scope = portfolio.Find(id)!;
            var definition = await cluster.ProgrammeAsync(scope);
            var expected = MethodContract.ToContract(DefaultMethodRecords.For(definition, MethodCluster.Today), version: 1);
            Assert.NotEmpty(expected.Cycles);
            Assert.NotEmpty(expected.Annotations);
            Assert.NotEmpty(expected.Scores);
            Assert.NotEmpty(expected.LearningEvents);

            var records = await cluster.Grains.GetGrain<IProgrammeMethodGrain>(scope.GrainKey).GetAsync();

            Assert.Equal(expected, records);
            var entry = Assert.Single(await cluster.AuditAsync(scope, MethodCluster.Today));
            Assert.Equal((1L, "sample", "sample", "created", "sample data"), (entry.Version, entry.RecordKind, entry.RecordId, entry.Action, entry.Author.Principal));
            Assert.Equal(definition.Goals.Select(g => g.Id).Order(), entry.GoalIds.Order());
            Assert.Equal(
                $"{expected.Cycles.Count} PDSA cycles, {expected.Annotations.Count} annotations, {expected.Scores.Count} progress scores, {expected.LearningEvents.Count} learning events",
                Assert.Single(entry.Changes).After);
        }
    }

    [Fact]
    public async Task SeedingAgain_OrStartingAgain_SeedsNothingMore()
    {
        var scope = (await cluster.PortfolioAsync()).Find(Samples[1])!;
        var method = cluster.Grains.GetGrain<IProgrammeMethodGrain>(scope.GrainKey);
        var seeded = await method.GetAsync();

        await method.SeedAsync(new MethodRecords { Cycles = { MethodWrites.Planned("again") } }, MethodWrites.Leader);
        await method.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await cluster.Grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key).AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.NotNull((await cluster.PortfolioAsync()).Find(Samples[1]));
        Assert.Equal(seeded, await method.GetAsync());
        Assert.Single(await cluster.AuditAsync(scope, MethodCluster.Today));
    }
}

/// <summary>A host whose first start is given a programme file seeds no method records: they are the samples' only.</summary>
public sealed class MethodSeedingFromAFileTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"collaborative-method-{Guid.NewGuid():N}.yaml");
    private readonly FileCluster _cluster;

    public MethodSeedingFromAFileTests() => _cluster = new FileCluster(_file);

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_file, DefaultProgramme.CorporateClinicalYaml());
        await _cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task AConfiguredProgrammeFile_IsCreated_WithNoMethodRecords()
    {
        var scope = Assert.Single((await _cluster.PortfolioAsync()).Programmes);

        var method = _cluster.Grains.GetGrain<IProgrammeMethodGrain>(scope.GrainKey);

        Assert.Equal("sheffield-corporate-clinical", scope.ProgrammeId);
        Assert.Equal(new MethodRecords(), await method.GetAsync());
        var today = DateTime.UtcNow;
        Assert.Empty(await _cluster.Grains.GetGrain<IMethodAuditGrain>(IMethodAuditGrain.Key(scope, today.Year, today.Month)).ListAsync());
    }

    private sealed class FileCluster(string file) : ProgrammeCluster
    {
        protected override void AddSilo(TestClusterBuilder builder)
        {
            builder.Properties[$"{ProgrammeOptions.Section}:{nameof(ProgrammeOptions.File)}"] = file;
            base.AddSilo(builder);
        }
    }
}

/// <summary>A first start that fails while seeding (the store refuses the method grains' writes) lists nothing, and starts again whole.</summary>
public sealed class MethodSeedingInterruptedTests : IAsyncLifetime
{
    private readonly MethodCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task AFirstStartThatFailsWhileSeeding_ListsNoProgramme_AndTheNextActivationCreatesAndSeedsBoth()
    {
        _cluster.Faults.FailWritesOf = "method";
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(_cluster.PortfolioAsync);
        }
        finally
        {
            _cluster.Faults.FailWritesOf = null;
        }

        var portfolio = await _cluster.PortfolioAsync();

        Assert.Equal([DefaultProgramme.Load().Id, "sheffield-corporate-clinical"], portfolio.Programmes.Select(p => p.ProgrammeId));
        foreach (var scope in portfolio.Programmes)
        {
            var records = await _cluster.Grains.GetGrain<IProgrammeMethodGrain>(scope.GrainKey).GetAsync();
            Assert.Equal(MethodContract.ToContract(DefaultMethodRecords.For(await _cluster.ProgrammeAsync(scope), MethodCluster.Today), version: 1), records);
            Assert.Single(await _cluster.AuditAsync(scope, MethodCluster.Today));
        }
    }
}
