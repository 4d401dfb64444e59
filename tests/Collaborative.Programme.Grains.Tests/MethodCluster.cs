using Collaborative.Cluster.Serialization;
using Collaborative.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// A silo of the programme's grains for the improvement method's tests, on an empty store (so the sample programmes
/// are created and seeded): its clock reads <see cref="Start"/> when the silo starts and runs on from there, so
/// "today" is <see cref="Today"/>; and its storage fails the writes of one kind of grain state when told to
/// (<see cref="Faults"/>), as a store that is down would.
/// </summary>
public sealed class MethodCluster : ProgrammeCluster
{
    /// <summary>Mid-month, so a test run never crosses into another month's audit.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    public StorageFaults Faults => SiloServices.GetRequiredService<StorageFaults>();

    protected override void AddSilo(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<MethodSilo>();

    /// <summary>The month's audit of a programme's method writes.</summary>
    public Task<System.Collections.Immutable.ImmutableArray<Contracts.V1.MethodAuditEntry>> AuditAsync(ProgrammeScope scope, DateOnly month) =>
        Grains.GetGrain<IMethodAuditGrain>(IMethodAuditGrain.Key(scope, month.Year, month.Month)).ListAsync();

    private sealed class MethodSilo : ISiloConfigurator
    {
        private const string Memory = "memory";

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSerializer(s => s.AddProtobufMessages());
            siloBuilder.AddMemoryGrainStorage(Memory, storage => storage.GrainStorageSerializer = new ProtobufGrainStorageSerializer());
            siloBuilder.Services.AddSingleton<StorageFaults>();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (services, _) =>
                new FaultingStorage(services.GetRequiredKeyedService<IGrainStorage>(Memory), services.GetRequiredService<StorageFaults>()));
            siloBuilder.Services.AddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
            // Registered before the grains' own (which only adds the system clock when there is none).
            siloBuilder.Services.AddSingleton<TimeProvider>(new RunningClock(Start));
            siloBuilder.Services.AddProgrammeGrains(siloBuilder.Configuration);
        }
    }

    /// <summary>A clock that read <paramref name="start"/> when made and runs at the system's pace: timers and stopwatches stay real.</summary>
    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly DateTimeOffset _made = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => start + (System.GetUtcNow() - _made);
    }

    /// <summary>Memory storage that refuses the writes of <see cref="StorageFaults.FailWritesOf"/>, as a store that is down.</summary>
    private sealed class FaultingStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.FailWritesOf == stateName
                ? Task.FromException(new IOException($"test fault: the store refuses writes of '{stateName}'"))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

/// <summary>Which grain state's writes the method cluster's storage refuses (null: none).</summary>
public sealed class StorageFaults
{
    private volatile string? _failWritesOf;

    public string? FailWritesOf
    {
        get => _failWritesOf;
        set => _failWritesOf = value;
    }
}

/// <summary>The method tests share one silo; the storage faults they set are the silo's, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MethodClusterCollection : ICollectionFixture<MethodCluster>
{
    public const string Name = "method cluster";
}
