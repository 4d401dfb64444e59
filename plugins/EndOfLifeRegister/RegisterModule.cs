using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>The register as the host sees it: a description and monthly aggregates, never a person.</summary>
internal sealed class RegisterModule(ObservationOutbox outbox) : IProgrammeModule
{
    public static PluginDescription Description { get; } = CreateDescription();

    public PluginDescription Describe() => Description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        outbox.CollectAsync(cursor, maxBatch, cancellationToken);

    private static PluginDescription CreateDescription()
    {
        var description = new PluginDescription
        {
            Id = "end-of-life-register",
            Name = "End-of-life register (EPaCCS)",
            Version = "1.0.0",
            PartnerOrganisation = "Wharfe Valley Palliative Care Partnership",
        };
        description.Measures.AddRange(RegisterMeasures.Contributions);
        description.Services.Add(RegisterService.Descriptor.FullName);
        return description;
    }
}
