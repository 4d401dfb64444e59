using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>The register as the host sees it: a description and monthly aggregates, never a person.</summary>
internal sealed class RegisterModule(ObservationOutbox outbox) : IProgrammeModule
{
    public static PluginDescription Description { get; } =
        ModuleDescription.Create("end-of-life-register", "End-of-life register (EPaCCS)", "airedale-ft", RegisterMeasures.Contributions, Contracts.V1.Modules.EndOfLifeRegister.Descriptor);

    public PluginDescription Describe() => Description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        outbox.CollectAsync(cursor, maxBatch, cancellationToken);
}
