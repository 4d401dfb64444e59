using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>The Gold Line as the host sees it: monthly call aggregates.</summary>
internal sealed class GoldLineModule(ObservationOutbox outbox) : IProgrammeModule
{
    public static PluginDescription Description { get; } = CreateDescription();

    public PluginDescription Describe() => Description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        outbox.CollectAsync(cursor, maxBatch, cancellationToken);

    private static PluginDescription CreateDescription()
    {
        var description = new PluginDescription
        {
            Id = "gold-line",
            Name = "Gold Line (24/7 palliative telephone and video line)",
            Version = "1.0.0",
            PartnerOrganisation = "Wharfe Valley NHS Foundation Trust",
        };
        description.Measures.AddRange(GoldLineMeasures.Contributions);
        description.Services.Add(GoldLineService.Descriptor.FullName);
        return description;
    }
}
