using Collaborative.Cluster.Serialization;
using Collaborative.Cluster.Tests.Grains;
using Collaborative.Cluster.Tests.Protos;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Collaborative.Cluster.Tests.Serialization;

public sealed class ProtobufMessageCodecTests
{
    private static LedgerEntry SampleEntry() =>
        new() { Note = "Gold Line calls answered", Amount = 412, Tags = { ["partner"] = "airedale-ft", ["month"] = "2026-10" } };

    [Fact]
    public void Serializer_RoundTripsAMessage_AsItsExactType()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddProtobufMessages()).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var bytes = serializer.SerializeToArray<object>(SampleEntry());
        var back = serializer.Deserialize<object>(bytes);

        Assert.Equal(SampleEntry(), Assert.IsType<LedgerEntry>(back));
    }

    [Fact]
    public void Copier_GivesAnEqualMessageThatIsNotTheSameObject()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddProtobufMessages()).BuildServiceProvider();
        var copier = services.GetRequiredService<DeepCopier>();
        var original = new LedgerState { Entries = { SampleEntry() }, Total = 412 };

        var copy = copier.Copy(original);
        original.Entries[0].Note = "changed after sending";

        Assert.NotSame(original, copy);
        Assert.Equal("Gold Line calls answered", copy.Entries[0].Note);
    }

    [Fact]
    public void Serializer_WithoutTheCodec_RefusesAMessage()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<object>(SampleEntry()));
    }

    [Fact]
    public async Task GrainCall_FromAClient_RoundTripsMessageArgumentsAndResults()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<SiloWithProtobuf>();
        builder.AddClientBuilderConfigurator<ClientWithProtobuf>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var ledger = cluster.Client.GetGrain<ILedgerGrain>("codec");
            Assert.Equal(SampleEntry(), await ledger.Echo(SampleEntry()));

            var state = await ledger.Record(SampleEntry());
            Assert.Equal(412, state.Total);
            Assert.Equal(SampleEntry(), Assert.Single((await ledger.Read()).Entries));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class SiloWithProtobuf : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSerializer(s => s.AddProtobufMessages());
            siloBuilder.AddMemoryGrainStorageAsDefault();
        }
    }

    private sealed class ClientWithProtobuf : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddProtobufMessages());
    }
}
