using Collaborative.Cluster.Serialization;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Definition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// One in-process Orleans silo with the programme's grains on the sample programme (history seeded), and a
/// client, shared by the grain tests. Each test uses ids of its own where it writes.
/// </summary>
public class ProgrammeCluster : IAsyncLifetime
{
    private TestCluster? _cluster;

    public IGrainFactory Grains => Cluster.Client;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's services (it runs in this process).</summary>
    public IServiceProvider SiloServices =>
        (Cluster.Primary as InProcessSiloHandle)?.SiloHost.Services ?? throw new InvalidOperationException("The silo runs out of process.");

    public IGrainStorage Storage => SiloServices.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    private TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The deployment's programmes (on first use, the sample programmes are created).</summary>
    public Task<ProgrammePortfolio> PortfolioAsync() => Grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key).ListAsync();

    /// <summary>The default programme's place among the grains.</summary>
    public async Task<ProgrammeScope> ScopeAsync() => (await PortfolioAsync()).Default ?? throw new InvalidOperationException("The deployment has no programme.");

    /// <summary>The default programme's definition.</summary>
    public async Task<ProgrammeDefinition> ProgrammeAsync() => await ProgrammeAsync(await ScopeAsync());

    public async Task<ProgrammeDefinition> ProgrammeAsync(ProgrammeScope scope) =>
        YamlProgrammeLoader.Load((await Grains.GetGrain<IProgrammeGrain>(scope.GrainKey).GetAsync()).Yaml, "programme.yaml");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        AddSilo(builder);
        builder.AddClientBuilderConfigurator<ProgrammeClient>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The silo's configuration: <see cref="ProgrammeSilo"/> unless a cluster of other tests says otherwise.</summary>
    protected virtual void AddSilo(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<ProgrammeSilo>();

    /// <summary>A silo of the programme's grains on memory storage; other test clusters use it too.</summary>
    internal sealed class ProgrammeSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSerializer(s => s.AddProtobufMessages());
            siloBuilder.AddMemoryGrainStorageAsDefault(storage => storage.GrainStorageSerializer = new ProtobufGrainStorageSerializer());
            // The cluster's configuration: the tests' own properties (TestClusterBuilder.Properties), nothing else.
            siloBuilder.Services.AddProgrammeGrains(siloBuilder.Configuration);
        }
    }

    internal sealed class ProgrammeClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddProtobufMessages());
    }
}
