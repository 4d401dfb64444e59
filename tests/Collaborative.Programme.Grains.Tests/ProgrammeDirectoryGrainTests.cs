using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Defaults;
using static Collaborative.Programme.Grains.Tests.Observations;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class ProgrammeDirectoryGrainTests(ProgrammeCluster cluster)
{
    private IProgrammeDirectoryGrain Directory => cluster.Grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key);

    /// <summary>A programme of the tests' own, from the corporate–clinical sample under another id.</summary>
    private static string Yaml(string id) =>
        DefaultProgramme.CorporateClinicalYaml().Replace("id: sheffield-corporate-clinical", $"id: {id}", StringComparison.Ordinal);

    [Fact]
    public async Task ListAsync_OnAnEmptyStore_IsBothSampleProgrammes_TheEndOfLifeProgrammeFirst()
    {
        var portfolio = await Directory.ListAsync();

        Assert.Empty(portfolio.Refusal);
        Assert.Equal(ProgrammeScope.Of(DefaultProgramme.Load().Id), portfolio.Default);
        Assert.Equal(ProgrammeScope.Of("sheffield-corporate-clinical"), portfolio.Find("sheffield-corporate-clinical"));
        var second = await cluster.Grains.GetGrain<IProgrammeGrain>("sheffield-corporate-clinical").GetAsync();
        Assert.Equal(DefaultProgramme.CorporateClinicalYaml(), second.Yaml);
        // A fresh deployment keeps nothing under the old single-programme key.
        Assert.Equal(0, (await cluster.Grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.LegacyKey).GetAsync()).Version);
    }

    [Fact]
    public async Task ListAsync_TheSecondSampleProgramme_HasItsOwnSeededHistory_UnderItsOwnKeys()
    {
        var scope = (await Directory.ListAsync()).Find("sheffield-corporate-clinical")!;

        var progress = await cluster.Grains.GetGrain<ISharedGoalGrain>(scope.GoalKey("dignity-always")).GetProgressAsync();

        Assert.Equal("dignity.always-treated-with-dignity", progress.MeasureId);
        Assert.True(progress.Points.Count >= 13);
        Assert.Equal(90.5, progress.Target);
        var measure = await cluster.Grains.GetGrain<IMeasureGrain>("sheffield-corporate-clinical/dignity.always-treated-with-dignity").GetHistoryAsync();
        Assert.Equal("dignity.always-treated-with-dignity", measure.MeasureId);
    }

    [Fact]
    public async Task CreateAsync_ANewProgramme_IsListedLast_AndItsGoalsReadUnderItsId()
    {
        var creation = await Directory.CreateAsync(Yaml("created-programme"), "created.yaml");

        Assert.True(creation.Accepted);
        Assert.Equal(1, creation.Version);
        Assert.Equal(ProgrammeScope.Of("created-programme"), creation.Scope);
        var portfolio = await Directory.ListAsync();
        Assert.Equal("created-programme", portfolio.Programmes[^1].ProgrammeId);
        Assert.NotEqual("created-programme", portfolio.Default!.ProgrammeId);
        await cluster.Grains.GetGrain<IMeasureGrain>("created-programme/dignity.always-treated-with-dignity")
            .RecordAsync(Batch(Monthly("created-1", "dignity.always-treated-with-dignity", "2030-01", 91)));
        var progress = await cluster.Grains.GetGrain<ISharedGoalGrain>(creation.Scope!.GoalKey("dignity-always")).GetProgressAsync();
        Assert.Equal("2030-01", progress.LatestPeriod);
        Assert.Equal(1, progress.ObservationSequence); // not the sample programme's series of the same measure
    }

    [Fact]
    public async Task CreateAsync_AnIdTaken_IsRefusedAsExisting_NamingTheIdField()
    {
        var creation = await Directory.CreateAsync(DefaultProgramme.Yaml(), "again.yaml");

        Assert.False(creation.Accepted);
        Assert.True(creation.AlreadyExists);
        var error = Assert.Single(creation.Errors);
        Assert.Equal("id", error.Path);
        Assert.Contains(DefaultProgramme.Load().Id, error.Message);
    }

    [Fact]
    public async Task CreateAsync_BadYaml_AnswersEveryError_AndListsNothingNew()
    {
        var before = await Directory.ListAsync();

        var creation = await Directory.CreateAsync("id: half-a-programme\nname: [unclosed", "bad.yaml");

        Assert.False(creation.Accepted);
        Assert.False(creation.AlreadyExists);
        Assert.All(creation.Errors, e => Assert.Equal("bad.yaml", e.File));
        Assert.Equal(before.Programmes.AsEnumerable(), (await Directory.ListAsync()).Programmes.AsEnumerable());
    }

    [Fact]
    public async Task UpdateAsync_OfACreatedProgramme_ReplacesIt_AndRefusesAnotherId()
    {
        var scope = (await Directory.CreateAsync(Yaml("replaced-programme"), "replaced.yaml")).Scope!;
        var programme = cluster.Grains.GetGrain<IProgrammeGrain>(scope.GrainKey);

        var replaced = await programme.UpdateAsync(Yaml("replaced-programme").Replace("(sample programme)", "(replaced)", StringComparison.Ordinal), "replaced.yaml");
        var otherId = await programme.UpdateAsync(Yaml("someone-else"), "replaced.yaml");

        Assert.True(replaced.Accepted);
        Assert.Equal(2, replaced.Version);
        Assert.Contains("(replaced)", (await programme.GetAsync()).Yaml);
        Assert.False(otherId.Accepted);
        Assert.Equal(2, otherId.Version);
        var error = Assert.Single(otherId.Errors);
        Assert.Equal("id", error.Path);
        Assert.Contains("'someone-else' is not this programme's id 'replaced-programme'", error.Message);
    }
}
