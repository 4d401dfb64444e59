using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>Two silos of one cluster, standing for two hosts: each with its own Data Protection over the cluster's key ring.</summary>
public sealed class DataProtectionKeysTests : IAsyncLifetime
{
    private TestCluster? _cluster;

    [Fact]
    public void StoreElement_OnOneSilo_IsReadByAnothersRepository()
    {
        var first = new DataProtectionKeysRepository(Grains(0));
        var second = new DataProtectionKeysRepository(Grains(1));

        first.StoreElement(new XElement("key", new XAttribute("id", "written-on-the-first")), "key-written-on-the-first");

        var read = Assert.Single(second.GetAllElements(), e => (string?)e.Attribute("id") == "written-on-the-first");
        Assert.Equal("key", read.Name.LocalName);
    }

    [Fact]
    public void Unprotect_OnAnotherHost_ReadsWhatTheFirstProtected()
    {
        using var hostA = DataProtection(Grains(0));
        using var hostB = DataProtection(Grains(1));

        var cookie = hostA.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("session");

        Assert.Equal("session", hostB.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie));
    }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<ProgrammeCluster.ProgrammeSilo>();
        builder.AddClientBuilderConfigurator<ProgrammeCluster.ProgrammeClient>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private static ServiceProvider DataProtection(IGrainFactory grains) =>
        new ServiceCollection().AddLogging().AddSingleton(grains).AddClusterDataProtection().BuildServiceProvider();

    private IGrainFactory Grains(int silo) =>
        ((_cluster ?? throw new InvalidOperationException("The cluster has not started.")).Silos[silo] as InProcessSiloHandle
            ?? throw new InvalidOperationException("The silo runs out of process."))
            .SiloHost.Services.GetRequiredService<IGrainFactory>();
}
