using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Observations;

namespace Collaborative.Host.Programme;

/// <summary>
/// The one way observations enter the programme, from partners (ReportObservations) and from plugins
/// (the supervisor's collection): checked against the programme, then recorded by the measure's grain,
/// batched per measure, which answers only once the batch is durable.
/// </summary>
public sealed class ObservationRecorder(ProgrammeOffice office, ILogger<ObservationRecorder> log) : IObservationSink
{
    /// <summary>Records one observation; throws <see cref="ObservationRejectedException"/> saying what is wrong.</summary>
    public async Task<MeasureRecordResult> RecordAsync(Observation observation)
    {
        var programme = (await office.ProgrammeAsync()).Definition;
        if (!MeasureObservation.TryFrom(observation, programme, out var checkedObservation, out var error))
        {
            throw new ObservationRejectedException(error);
        }

        var result = (await office.RecordAsync(checkedObservation.MeasureId, [checkedObservation]))[0];
        return result.Outcome == MeasureRecordOutcome.Conflict ? throw new ObservationRejectedException(result.Conflict!) : result;
    }

    /// <summary>What ReportObservations answers for a recorded observation (the host and the embedded CLI alike).</summary>
    public static ObservationAck Ack(MeasureRecordResult result) => new()
    {
        ObservationId = result.ObservationId,
        Duplicate = result.Outcome == MeasureRecordOutcome.Duplicate,
        Revised = result.Outcome == MeasureRecordOutcome.Revised,
        Revision = result.Revision,
    };

    async Task IObservationSink.AcceptAsync(string pluginId, IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        var programme = (await office.ProgrammeAsync()).Definition;
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
            foreach (var conflict in (await office.RecordAsync(measureId, list)).Where(r => r.Outcome == MeasureRecordOutcome.Conflict))
            {
                log.LogWarning("Plugin {Plugin} re-sent observation {Id} with different content; kept the first: {Reason}", pluginId, conflict.ObservationId, conflict.Conflict);
            }
        }
    }
}

/// <summary>An observation the programme cannot take; the message names the observation and the field.</summary>
public sealed class ObservationRejectedException(string message) : Exception(message);
