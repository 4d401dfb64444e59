using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class ModuleRegistryGrainTests(ProgrammeCluster cluster)
{
    private IModuleRegistryGrain Registry => cluster.Grains.GetGrain<IModuleRegistryGrain>(IModuleRegistryGrain.Key);

    [Fact]
    public async Task RegisterAsync_ByTheOwner_RegistersThenRefreshes()
    {
        var first = await Registry.RegisterAsync(new PluginDescription { Id = "registry-waiting-list", Version = "1.0.0" }, "city-ft", "City data team", DateTimeOffset.UtcNow);
        var again = await Registry.RegisterAsync(new PluginDescription { Id = "registry-waiting-list", Version = "1.1.0" }, "city-ft", "City data team", DateTimeOffset.UtcNow);

        Assert.True(first.Accepted);
        Assert.False(first.Updated);
        Assert.True(again.Accepted);
        Assert.True(again.Updated);
        var entry = Assert.Single(await Registry.ListAsync(), m => m.Description.Id == "registry-waiting-list");
        Assert.Equal("1.1.0", entry.Description.Version);
    }

    [Fact]
    public async Task RegisterAsync_AnotherPartnersModule_IsRefusedNamingTheOwner()
    {
        await Registry.RegisterAsync(new PluginDescription { Id = "registry-owned" }, "city-ft", "City data team", DateTimeOffset.UtcNow);

        var refused = await Registry.RegisterAsync(new PluginDescription { Id = "registry-owned" }, "airedale-ft", "Airedale", DateTimeOffset.UtcNow);

        Assert.False(refused.Accepted);
        Assert.Equal("city-ft", refused.OwnedBy);
        Assert.Equal("city-ft", Assert.Single(await Registry.ListAsync(), m => m.Description.Id == "registry-owned").Partner);
    }

    [Fact]
    public async Task RecordReportsAsync_AddsUpAndIgnoresUnknownModules()
    {
        await Registry.RegisterAsync(new PluginDescription { Id = "registry-counted" }, "city-ft", "City data team", DateTimeOffset.UtcNow);

        await Registry.RecordReportsAsync("registry-counted", 3, DateTimeOffset.UtcNow);
        await Registry.RecordReportsAsync("registry-counted", 4, DateTimeOffset.UtcNow);
        await Registry.RecordReportsAsync("registry-never-registered", 5, DateTimeOffset.UtcNow);

        var modules = await Registry.ListAsync();
        Assert.Equal(7, Assert.Single(modules, m => m.Description.Id == "registry-counted").ObservationsReported);
        Assert.DoesNotContain(modules, m => m.Description.Id == "registry-never-registered");
    }
}
