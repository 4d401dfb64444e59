using Collaborative.Contracts.V1;

namespace Collaborative.Host.Plugins;

/// <summary>Where collected observations go. Returns only once they are durable, so the cursor may advance.</summary>
public interface IObservationSink
{
    Task AcceptAsync(string pluginId, IReadOnlyList<Observation> observations, CancellationToken cancellationToken);

    /// <summary>The default programme: plugins' alignment contributions are asked for it.</summary>
    Task<string> ProgrammeIdAsync(CancellationToken cancellationToken);
}
