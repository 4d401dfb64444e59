using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Defaults;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class ProgrammeGrainTests(ProgrammeCluster cluster)
{
    private IProgrammeGrain Programme => cluster.Grains.GetGrain<IProgrammeGrain>(DefaultProgramme.Load().Id);

    [Fact]
    public async Task GetAsync_OnAnEmptyStore_IsTheSampleProgramme()
    {
        await cluster.ScopeAsync(); // the directory creates the sample programmes on its first activation
        var document = await Programme.GetAsync();

        Assert.False(document.IsRefused);
        Assert.Equal(DefaultProgramme.FileName, document.FileName);
        Assert.Equal(DefaultProgramme.Yaml(), document.Yaml);
        Assert.True(document.Version >= 1);
    }

    [Fact]
    public async Task UpdateAsync_BadYaml_AnswersEveryErrorAndKeepsTheProgramme()
    {
        await cluster.ScopeAsync();
        var before = await Programme.GetAsync();

        var update = await Programme.UpdateAsync("programme:\n  id: [unclosed", "bad.yaml");

        Assert.False(update.Accepted);
        Assert.NotEmpty(update.Errors);
        Assert.All(update.Errors, e => Assert.Equal("bad.yaml", e.File));
        var after = await Programme.GetAsync();
        Assert.Equal(before.Yaml, after.Yaml);
        Assert.True(after.Version >= before.Version);
    }

    [Fact]
    public async Task UpdateAsync_GoodYaml_RaisesTheVersionAndTellsWatchers()
    {
        await cluster.ScopeAsync();
        var watcher = new ProgressWatcher();
        var reference = cluster.Client.CreateObjectReference<IProgressWatcher>(watcher);
        await Programme.SubscribeAsync(reference);
        var before = await Programme.GetAsync();

        var update = await Programme.UpdateAsync(DefaultProgramme.Yaml(), DefaultProgramme.FileName);

        Assert.True(update.Accepted);
        Assert.True(update.Version > before.Version);
        Assert.Equal(update.Version, await watcher.ProgrammeSignal);
        Assert.Equal(update.Version, (await Programme.GetAsync()).Version);
        await Programme.UnsubscribeAsync(reference);
        cluster.Client.DeleteObjectReference<IProgressWatcher>(reference);
    }
}
