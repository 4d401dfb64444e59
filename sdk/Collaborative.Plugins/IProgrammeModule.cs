using Collaborative.Contracts.V1;

namespace Collaborative.Plugins;

/// <summary>
/// What a programme module gives the collaborative. Implement this; <see cref="PluginServer.ServeAsync"/>
/// does the rest (handshake, health, secret, shutdown, parent watch).
/// </summary>
public interface IProgrammeModule
{
    /// <summary>What the module is and which measures it contributes.</summary>
    PluginDescription Describe();

    /// <summary>
    /// Observations recorded after <paramref name="cursor"/> (empty: from the start), oldest first, in
    /// batches each carrying the cursor after it. The host stores the last cursor it made durable, so
    /// a restart neither loses nor repeats observations.
    /// </summary>
    IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken);

    /// <summary>Findings this module contributes to the programme's alignment check (none by default).</summary>
    Task<IReadOnlyList<AlignmentFinding>> EvaluateAlignmentAsync(string programmeId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlignmentFinding>>([]);
}
