using System.Net;
using Collaborative.Cluster.Serialization;
using Collaborative.Cluster.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Collaborative.Cluster;

/// <summary>The silo's configuration: clustering, default grain storage and protobuf serialization.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>ADO.NET invariant Orleans maps to Microsoft.Data.Sqlite's factory.</summary>
    internal const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>ADO.NET invariant Orleans maps to Npgsql's factory.</summary>
    internal const string PostgresInvariant = "Npgsql";

    /// <summary>The embedded store's file in the data directory.</summary>
    public const string SqliteFileName = "collaborative.db";

    /// <summary>The ADO.NET provider on SQLite, behind the default storage (<see cref="OneWriterAtATime"/>).</summary>
    private const string EmbeddedStorageName = "collab-embedded-sqlite";

    /// <summary>
    /// Configures the silo from validated <paramref name="options"/>: <see cref="ClusterProvider.Localhost"/> is
    /// localhost clustering plus grain state in SQLite under <paramref name="dataDirectory"/>;
    /// <see cref="ClusterProvider.PostgreSql"/> is ADO.NET clustering and grain state in PostgreSQL. Either way the
    /// schema is created on start, grain state is raw protobuf, and protobuf messages are valid grain arguments.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    public static ISiloBuilder UseCollaborativeCluster(this ISiloBuilder silo, CollaborativeClusterOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        CollaborativeClusterOptionsValidator.ThrowIfInvalid(options);

        silo.Services.AddSerializer(serializer => serializer.AddProtobufMessages());
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = options.Membership.ProbeTimeout;
            membership.NumMissedProbesLimit = options.Membership.NumMissedProbesLimit;
            membership.TableRefreshTimeout = options.Membership.TableRefreshTimeout;
            membership.IAmAliveTablePublishTimeout = options.Membership.IAmAliveTablePublishTimeout;
            membership.NumVotesForDeathDeclaration = options.Membership.NumVotesForDeathDeclaration;
            membership.DeathVoteExpirationTimeout = options.Membership.DeathVoteExpirationTimeout;
        });

        string invariant;
        string connectionString;
        if (options.Provider == ClusterProvider.Localhost)
        {
            Directory.CreateDirectory(dataDirectory);
            invariant = SqliteInvariant;
            connectionString = SqliteConnectionString(dataDirectory);
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            invariant = PostgresInvariant;
            connectionString = options.ConnectionString!;
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
                if (options.AdvertisedAddress is { } address)
                {
                    endpoints.AdvertisedIPAddress = IPAddress.Parse(address);
                }
            });
            silo.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = invariant;
                clustering.ConnectionString = connectionString;
            });
        }

        void Storage(AdoNetGrainStorageOptions storage)
        {
            storage.Invariant = invariant;
            storage.ConnectionString = connectionString;
            storage.GrainStorageSerializer = new ProtobufGrainStorageSerializer();
        }

        if (options.Provider == ClusterProvider.Localhost)
        {
            // SQLite: the provider under its own name, and the default one writer at a time in front of it.
            silo.AddAdoNetGrainStorage(EmbeddedStorageName, Storage);
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (services, _) => new OneWriterAtATime(services.GetRequiredKeyedService<IGrainStorage>(EmbeddedStorageName)));
        }
        else
        {
            silo.AddAdoNetGrainStorageAsDefault(Storage);
        }

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
            new ClusterSchemaInstaller(new ClusterSchema(options.Provider, connectionString)));
        return silo;
    }

    /// <summary>
    /// Reads <see cref="CollaborativeClusterOptions"/> from the host's configuration (section
    /// <c>Collaborative:Cluster</c>: appsettings.json or <c>COLLABORATIVE__CLUSTER__*</c> variables) and configures
    /// the silo with them, as <see cref="UseCollaborativeCluster(ISiloBuilder, CollaborativeClusterOptions, string)"/>.
    /// </summary>
    public static ISiloBuilder UseCollaborativeCluster(this ISiloBuilder silo, string dataDirectory)
    {
        var options = new CollaborativeClusterOptions();
        silo.Configuration.GetSection(CollaborativeClusterOptions.SectionName).Bind(options);
        return silo.UseCollaborativeCluster(options, dataDirectory);
    }

    /// <summary>The embedded store: a file in the data directory, every write durable before it returns.</summary>
    internal static string SqliteConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, SqliteFileName),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
