using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using Grpc.Core;

namespace Collaborative.Host.Programme;

/// <summary>
/// The one way observations enter the programme, from partners (ReportObservations) and from plugins
/// (the supervisor's collection): checked against the programme, then recorded by the measure's grain,
/// batched per measure, which answers only once the batch is durable.
/// </summary>
public sealed class ObservationRecorder(ProgrammeOffice office, ILogger<ObservationRecorder> log) : IObservationSink
{
    /// <summary>
    /// Records observations in the programme, in their order, one call (one durable write) per measure, up to the first
    /// the programme refuses: nothing after it is recorded in its measure, and the refusal says what is wrong with it.
    /// </summary>
    public async Task<RecordedInOrder> RecordInOrderAsync(ProgrammeSnapshot snapshot, IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var programme = snapshot.Definition;
        var valid = new List<MeasureObservation>(observations.Count);
        string? invalid = null;
        foreach (var observation in observations)
        {
            if (!MeasureObservation.TryFrom(observation, programme, out var checkedObservation, out var error))
            {
                invalid = error;
                break;
            }

            valid.Add(checkedObservation);
        }

        var results = new MeasureRecordResult?[valid.Count];
        var byMeasure = valid.Select((observation, position) => (observation, position)).GroupBy(o => o.observation.MeasureId, StringComparer.Ordinal);
        // The measures are written side by side; a conflict in one cannot hold back another's observations
        // that follow it in the same call, which therefore stay recorded (re-sent, they are duplicates).
        await Task.WhenAll(byMeasure.Select(async measure =>
        {
            var positions = measure.ToList();
            var recorded = await office.RecordAsync(snapshot.Scope, measure.Key, [.. positions.Select(p => p.observation)], upToFirstConflict: true);
            for (var i = 0; i < recorded.Count; i++)
            {
                results[positions[i].position] = recorded[i];
            }
        }));

        var inOrder = new List<MeasureRecordResult>(valid.Count);
        foreach (var result in results)
        {
            // A missing result follows a conflict of its measure, so the loop has stopped before reaching one.
            if (result!.Outcome == MeasureRecordOutcome.Conflict)
            {
                return new RecordedInOrder(inOrder, result.Conflict);
            }

            inOrder.Add(result);
        }

        return new RecordedInOrder(inOrder, invalid);
    }

    /// <summary>
    /// What ReportObservations answers when observation number <paramref name="position"/> is refused (the host
    /// and the embedded CLI alike); every one before it was acknowledged.
    /// </summary>
    public static RpcException Refused(int position, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"Observation #{position} was not recorded: {reason}. The {position - 1} before it were."));

    /// <summary>What ReportObservations answers for a recorded observation (the host and the embedded CLI alike).</summary>
    public static ObservationAck Ack(MeasureRecordResult result) => new()
    {
        ObservationId = result.ObservationId,
        Duplicate = result.Outcome == MeasureRecordOutcome.Duplicate,
        Revised = result.Outcome == MeasureRecordOutcome.Revised,
        Revision = result.Revision,
    };

    async Task<string> IObservationSink.ProgrammeIdAsync(CancellationToken cancellationToken) =>
        (await office.ProgrammeAsync()).Definition.Id;

    /// <summary>
    /// A plugin's observations go to every programme that defines their measure (a module may serve several
    /// programmes of the ICS); a measure no programme defines is left out, and the alignment check reports it.
    /// </summary>
    async Task IObservationSink.AcceptAsync(string pluginId, IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        foreach (var scope in (await office.PortfolioAsync()).Programmes)
        {
            ProgrammeSnapshot snapshot;
            try
            {
                snapshot = await office.ProgrammeAsync(scope);
            }
            catch (ProgrammeDefinitionException)
            {
                continue; // a programme this host refuses takes nothing until it is replaced
            }

            if (observations.Any(o => snapshot.Definition.FindMeasure(o.MeasureId) is not null))
            {
                await AcceptAsync(snapshot, pluginId, observations);
            }
        }
    }

    private async Task AcceptAsync(ProgrammeSnapshot snapshot, string pluginId, IReadOnlyList<Observation> observations)
    {
        var programme = snapshot.Definition;
        var byMeasure = new Dictionary<string, List<MeasureObservation>>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (!MeasureObservation.TryFrom(observation, programme, out var checkedObservation, out var error))
            {
                // Not the programme's measure (yet): the module's work is reported by the alignment check.
                log.LogDebug("Observation from plugin {Plugin} not recorded: {Reason}", pluginId, error);
                continue;
            }

            if (!byMeasure.TryGetValue(checkedObservation.MeasureId, out var list))
            {
                byMeasure[checkedObservation.MeasureId] = list = [];
            }

            list.Add(checkedObservation);
        }

        foreach (var (measureId, list) in byMeasure)
        {
            // One durable write per measure; a conflicting observation is kept out, the rest are recorded.
            foreach (var conflict in (await office.RecordAsync(snapshot.Scope, measureId, list)).Where(r => r.Outcome == MeasureRecordOutcome.Conflict))
            {
                log.LogWarning("Plugin {Plugin} re-sent observation {Id} with different content; kept the first: {Reason}", pluginId, conflict.ObservationId, conflict.Conflict);
            }
        }
    }
}
