using Collaborative.Contracts.V1;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// Stands in for a module run by hand: the SDK only needs its description to explain that the host
/// starts it, and nothing (no store, no directory) should be created on the way.
/// </summary>
internal sealed class UnlaunchedModule(PluginDescription description) : IProgrammeModule
{
    public PluginDescription Describe() => description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A module run by hand serves nothing.");
}
