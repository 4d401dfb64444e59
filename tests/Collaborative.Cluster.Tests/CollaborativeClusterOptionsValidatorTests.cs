using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Collaborative.Cluster.Tests;

public sealed class CollaborativeClusterOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(Action<CollaborativeClusterOptions> change)
    {
        var options = new CollaborativeClusterOptions();
        change(options);
        var result = new CollaborativeClusterOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void Defaults_AreValid_AndAreOrleansDefaults()
    {
        var options = new CollaborativeClusterOptions();

        Assert.Empty(Failures(_ => { }));
        Assert.Equal(ClusterProvider.Localhost, options.Provider);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30000, options.GatewayPort);
        var orleans = new Orleans.Configuration.ClusterMembershipOptions();
        Assert.Equal(orleans.ProbeTimeout, options.Membership.ProbeTimeout);
        Assert.Equal(orleans.NumMissedProbesLimit, options.Membership.NumMissedProbesLimit);
        Assert.Equal(orleans.TableRefreshTimeout, options.Membership.TableRefreshTimeout);
        Assert.Equal(orleans.IAmAliveTablePublishTimeout, options.Membership.IAmAliveTablePublishTimeout);
        Assert.Equal(orleans.NumVotesForDeathDeclaration, options.Membership.NumVotesForDeathDeclaration);
        Assert.Equal(orleans.DeathVoteExpirationTimeout, options.Membership.DeathVoteExpirationTimeout);
    }

    public static TheoryData<string, Action<CollaborativeClusterOptions>> BadValues() => new()
    {
        { "Collaborative:Cluster:Provider", o => o.Provider = (ClusterProvider)7 },
        { "Collaborative:Cluster:ConnectionString is required", o => o.Provider = ClusterProvider.PostgreSql },
        { "Collaborative:Cluster:ConnectionString is not", o => { o.Provider = ClusterProvider.PostgreSql; o.ConnectionString = "Hots=x;;=="; } },
        { "Collaborative:Cluster:ClusterId", o => o.ClusterId = " " },
        { "Collaborative:Cluster:ServiceId", o => o.ServiceId = "" },
        { "Collaborative:Cluster:SiloPort", o => o.SiloPort = 0 },
        { "Collaborative:Cluster:GatewayPort must be", o => o.GatewayPort = 70000 },
        { "Collaborative:Cluster:GatewayPort must differ", o => o.GatewayPort = o.SiloPort },
        { "Collaborative:Cluster:AdvertisedAddress", o => o.AdvertisedAddress = "host-a" },
        { "Collaborative:Cluster:Membership:ProbeTimeout", o => o.Membership.ProbeTimeout = TimeSpan.Zero },
        { "Collaborative:Cluster:Membership:TableRefreshTimeout", o => o.Membership.TableRefreshTimeout = TimeSpan.FromSeconds(-1) },
        { "Collaborative:Cluster:Membership:IAmAliveTablePublishTimeout", o => o.Membership.IAmAliveTablePublishTimeout = TimeSpan.Zero },
        { "Collaborative:Cluster:Membership:DeathVoteExpirationTimeout", o => o.Membership.DeathVoteExpirationTimeout = TimeSpan.Zero },
        { "Collaborative:Cluster:Membership:NumMissedProbesLimit", o => o.Membership.NumMissedProbesLimit = 0 },
        { "Collaborative:Cluster:Membership:NumVotesForDeathDeclaration", o => o.Membership.NumVotesForDeathDeclaration = -1 },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_IsRefusedNamingTheField(string expected, Action<CollaborativeClusterOptions> change) =>
        Assert.StartsWith(expected, Assert.Single(Failures(change)), StringComparison.Ordinal);

    [Fact]
    public void UseCollaborativeCluster_BadOptions_StopsStartUpNamingTheField()
    {
        var builder = Host.CreateApplicationBuilder();
        var options = new CollaborativeClusterOptions { SiloPort = -5 };

        var error = Assert.Throws<OptionsValidationException>(() =>
            builder.UseOrleans(silo => silo.UseCollaborativeCluster(options, Path.GetTempPath())));

        Assert.Contains("Collaborative:Cluster:SiloPort", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseCollaborativeCluster_FromConfiguration_ValidatesAndAppliesTheSection()
    {
        using var data = new TemporaryDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collaborative:Cluster:ServiceId"] = "programme-a",
            ["Collaborative:Cluster:SiloPort"] = "0",
            ["Collaborative:Cluster:Membership:ProbeTimeout"] = "00:00:01",
        });

        var error = Assert.Throws<OptionsValidationException>(() => builder.UseOrleans(silo => silo.UseCollaborativeCluster(data.Path)));
        Assert.Contains("Collaborative:Cluster:SiloPort must be between 1 and 65535 (was 0)", error.Message, StringComparison.Ordinal);

        var valid = Host.CreateApplicationBuilder();
        valid.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collaborative:Cluster:ServiceId"] = "programme-a",
            ["Collaborative:Cluster:SiloPort"] = "41111",
            ["Collaborative:Cluster:GatewayPort"] = "41112",
            ["Collaborative:Cluster:Membership:ProbeTimeout"] = "00:00:01",
        });
        valid.UseOrleans(silo => silo.UseCollaborativeCluster(data.Path));
        using var host = valid.Build();

        Assert.Equal(TimeSpan.FromSeconds(1), host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
        Assert.Equal("programme-a", host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);
        Assert.Equal(41111, host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.SiloPort);
    }
}
