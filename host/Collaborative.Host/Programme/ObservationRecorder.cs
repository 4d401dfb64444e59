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
    /// Records observations in the programme, in their order, one call (one durable write) per measure, up to the
    /// first the programme or its measure refuses (an id re-used with other content): nothing after it is recorded,
    /// in any measure, and the refusal says what is wrong with it.
    /// </summary>
    public async Task<RecordedInOrder> RecordInOrderAsync(ProgrammeSnapshot snapshot, IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var programme = snapshot.Definition;
        var valid = new List<MeasureObservation>(observations.Count);
        string? refusal = null;
        foreach (var observation in observations)
        {
            if (!MeasureObservation.TryFrom(observation, programme, out var checkedObservation, out var error))
            {
                refusal = error;
                break;
            }

            valid.Add(checkedObservation);
        }

        // The measures are written side by side, so a conflict in one could not hold back what follows it in
        // another: when there are several, each first says (a read) where it would refuse, and only what comes
        // before the earliest refusal is recorded. Only a conflicting write by another report between that read
        // and this write can still leave later observations of other measures recorded (unacknowledged, so
        // answered as duplicates when re-sent); the conflict itself is refused at its position all the same.
        if (ByMeasure(valid).Count > 1 && await FirstConflictAsync(snapshot.Scope, valid) is { } first)
        {
            valid.RemoveRange(first.Position, valid.Count - first.Position);
            refusal = first.Conflict;
        }

        var results = new MeasureRecordResult?[valid.Count];
        await Task.WhenAll(ByMeasure(valid).Select(async measure =>
        {
            var recorded = await office.RecordAsync(snapshot.Scope, measure.MeasureId, measure.Observations, upToFirstConflict: true);
            for (var i = 0; i < recorded.Count; i++)
            {
                results[measure.Positions[i]] = recorded[i];
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

        return new RecordedInOrder(inOrder, refusal);
    }

    /// <summary>Each measure's observations, in order, with their positions in the report.</summary>
    private static List<(string MeasureId, List<MeasureObservation> Observations, List<int> Positions)> ByMeasure(List<MeasureObservation> observations) =>
        [.. observations.Select((observation, position) => (observation, position))
            .GroupBy(o => o.observation.MeasureId, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(o => o.observation).ToList(), g.Select(o => o.position).ToList()))];

    /// <summary>The position and reason of the first observation its measure would refuse now, if any.</summary>
    private async Task<(int Position, string Conflict)?> FirstConflictAsync(ProgrammeScope programme, List<MeasureObservation> observations)
    {
        var conflicts = await Task.WhenAll(ByMeasure(observations).Select(async measure =>
        {
            var check = await office.CheckAsync(programme, measure.MeasureId, measure.Observations, upToFirstConflict: true);
            var index = check.ToList().FindIndex(r => r.Outcome == MeasureRecordOutcome.Conflict);
            return index < 0 ? ((int Position, string Conflict)?)null : (measure.Positions[index], check[index].Conflict!);
        }));
        return conflicts.Where(c => c is not null).MinBy(c => c!.Value.Position);
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
