using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>The Gold Line as the host sees it: monthly call aggregates.</summary>
internal sealed class GoldLineModule(ObservationOutbox outbox) : IProgrammeModule
{
    public static PluginDescription Description { get; } =
        ModuleDescription.Create("gold-line", "Gold Line (24/7 palliative telephone and video line)", "airedale-ft", GoldLineMeasures.Contributions, Contracts.V1.Modules.GoldLine.Descriptor);

    public PluginDescription Describe() => Description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        outbox.CollectAsync(cursor, maxBatch, cancellationToken);
}
