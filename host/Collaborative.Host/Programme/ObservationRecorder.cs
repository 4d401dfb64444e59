using Collaborative.Contracts.V1;
using Collaborative.Grains;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Observations;

namespace Collaborative.Host.Programme;

/// <summary>
/// The one way observations enter the programme, from partners (ReportObservations) and from plugins
/// (the supervisor's collection): checked against the programme, then recorded by the measure's grain,
/// which returns only once the observation is durable.
/// </summary>
public sealed class ObservationRecorder(IGrainFactory grains, ILogger<ObservationRecorder> log) : IObservationSink
{
    /// <summary>Records one observation; throws <see cref="ObservationRejectedException"/> saying what is wrong.</summary>
    public async Task<MeasureRecordResult> RecordAsync(Observation observation)
    {
        var programme = (await grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync()).Definition;
        if (!MeasureObservation.TryFrom(observation, programme, out var checkedObservation, out var error))
        {
            throw new ObservationRejectedException(error);
        }

        try
        {
            return await grains.GetGrain<IMeasureGrain>(checkedObservation.MeasureId).RecordAsync(checkedObservation);
        }
        catch (ObservationConflictException ex)
        {
            throw new ObservationRejectedException(ex.Message);
        }
    }

    async Task IObservationSink.AcceptAsync(string pluginId, IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        var programme = (await grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.Key).GetAsync()).Definition;
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
            try
            {
                await grains.GetGrain<IMeasureGrain>(measureId).RecordManyAsync(list);
            }
            catch (ObservationConflictException)
            {
                // One observation conflicts: record the rest one by one so nothing else is held back.
                foreach (var observation in list)
                {
                    try
                    {
                        await grains.GetGrain<IMeasureGrain>(measureId).RecordAsync(observation);
                    }
                    catch (ObservationConflictException ex)
                    {
                        log.LogWarning("Plugin {Plugin} re-sent observation {Id} with different content; kept the first: {Reason}", pluginId, observation.Id, ex.Message);
                    }
                }
            }
        }
    }
}

/// <summary>An observation the programme cannot take; the message names the observation and the field.</summary>
public sealed class ObservationRejectedException(string message) : Exception(message);
