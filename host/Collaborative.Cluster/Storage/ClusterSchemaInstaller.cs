using Orleans;
using Orleans.Runtime;

namespace Collaborative.Cluster.Storage;

/// <summary>Applies <see cref="ClusterSchema"/> before the silo's clustering and storage providers read their queries.</summary>
internal sealed class ClusterSchemaInstaller(ClusterSchema schema) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterSchemaInstaller), ServiceLifecycleStage.RuntimeInitialize - 1, schema.ApplyAsync);
}
