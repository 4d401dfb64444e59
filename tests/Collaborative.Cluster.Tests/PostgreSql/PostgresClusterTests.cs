using Collaborative.Cluster.Storage;
using Collaborative.Cluster.Tests.Grains;
using Collaborative.Cluster.Tests.Protos;
using Collaborative.Cluster.Tests.Storage;
using Collaborative.Tests.PostgreSql;
using Collaborative.Cluster.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Collaborative.Cluster.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresServer server)
{
    /// <summary>Each test its own cluster and service ids, so tests sharing the server never see each other's rows.</summary>
    private CollaborativeClusterOptions Options()
    {
        var id = "test-" + Guid.NewGuid().ToString("N")[..12];
        return new CollaborativeClusterOptions
        {
            Provider = ClusterProvider.PostgreSql,
            ConnectionString = server.ConnectionString,
            ClusterId = id,
            ServiceId = id,
            AdvertisedAddress = "127.0.0.1",
        };
    }

    [Fact]
    public async Task Schema_AppliedByFourHostsAtOnceOnAFreshDatabase_SucceedsForAll()
    {
        var database = "schema_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ToString();
        var schema = new ClusterSchema(ClusterProvider.PostgreSql, connectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => schema.ApplyAsync(CancellationToken.None))));
        await schema.ApplyAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            ["CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
             "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
             "ReadFromStorageKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey"],
            keys);
    }

    [Fact]
    public async Task Write_WithAStaleETag_ThrowsInconsistentState()
    {
        await using var silo = await ClusterSilo.StartAsync(Options(), Path.GetTempPath());
        await StorageConflict.AssertSecondWriterConflictsAsync(silo.DefaultStorage);
    }

    [Fact]
    public async Task TwoFirstWriters_OnlyOneInserts()
    {
        await using var silo = await ClusterSilo.StartAsync(Options(), Path.GetTempPath());
        await StorageConflict.AssertSecondFirstWriterConflictsAsync(silo.DefaultStorage);
    }

    [Fact]
    public async Task Clear_KeepsVersionGrowing_AndAStaleClearConflicts()
    {
        await using var silo = await ClusterSilo.StartAsync(Options(), Path.GetTempPath());
        await StorageConflict.AssertClearBehavesAsync(silo.DefaultStorage);
    }

    [Fact]
    public async Task TwoSilos_JoinOneCluster_AndAGrainHasOneActivation_WhoseStateOutlivesBoth()
    {
        var options = Options();
        await using (var hostA = await ClusterSilo.StartAsync(options, Path.GetTempPath()))
        await using (var hostB = await ClusterSilo.StartAsync(CopyOf(options), Path.GetTempPath()))
        {
            var active = hostB.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active)
                .ToList();
            Assert.Equal(2, active.Count);

            var viaA = hostA.Grains.GetGrain<ILedgerGrain>("community");
            var viaB = hostB.Grains.GetGrain<ILedgerGrain>("community");
            await viaA.Record(new LedgerEntry { Note = "from A", Amount = 3 });
            Assert.Equal(await viaA.Silo(), await viaB.Silo());
            Assert.Equal(5, (await viaB.Record(new LedgerEntry { Note = "from B", Amount = 2 })).Total);
        }

        await using var restarted = await ClusterSilo.StartAsync(CopyOf(options), Path.GetTempPath());
        var state = await restarted.Grains.GetGrain<ILedgerGrain>("community").Read();
        Assert.Equal(["from A", "from B"], state.Entries.Select(e => e.Note));

        // Both stopped silos declared themselves dead on the way out; only the restarted one is active.
        var statuses = await SiloStatusesAsync(options.ClusterId);
        Assert.Equal([SiloStatus.Active, SiloStatus.Dead, SiloStatus.Dead], statuses.Order());
    }

    [Fact]
    public async Task Client_FindsTheGatewaysInTheMembershipTable_AndCallsAGrainWithMessages()
    {
        var options = Options();
        await using var silo = await ClusterSilo.StartAsync(options, Path.GetTempPath());
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = "Npgsql";
                clustering.ConnectionString = server.ConnectionString;
            });
            client.Services.AddSerializer(serializer => serializer.AddProtobufMessages());
        });
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        try
        {
            var entry = new LedgerEntry { Note = "through the gateway", Amount = 4, Tags = { ["via"] = "client" } };
            var ledger = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<ILedgerGrain>("gateway");
            Assert.Equal(entry, await ledger.Echo(entry));
        }
        finally
        {
            await clientHost.StopAsync();
        }
    }

    private async Task<List<SiloStatus>> SiloStatusesAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM collab_cluster_silo WHERE cluster_id = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        var statuses = new List<SiloStatus>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses.Add((SiloStatus)reader.GetInt32(0));
        }

        return statuses;
    }

    private static CollaborativeClusterOptions CopyOf(CollaborativeClusterOptions options) => new()
    {
        Provider = options.Provider,
        ConnectionString = options.ConnectionString,
        ClusterId = options.ClusterId,
        ServiceId = options.ServiceId,
        AdvertisedAddress = options.AdvertisedAddress,
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
