using Collaborative.Contracts.V1;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// One programme's improvement-method records (method.proto): PDSA cycles, chart annotations, progress scores and
/// learning events. Keyed by the programme grain's key (<see cref="ProgrammeScope.GrainKey"/>). Each write is
/// checked against the programme in force, stored, and audited in the programme's <see cref="IMethodAuditGrain"/>
/// of the month; who may write is the caller's to decide (the grain trusts the author it is given).
/// </summary>
public interface IProgrammeMethodGrain : IGrainWithStringKey
{
    /// <summary>Every record, with the version the writes have reached (0: nothing recorded yet).</summary>
    [ReadOnly]
    Task<MethodRecords> GetAsync();

    /// <summary>The version alone, for readers that keep what they built from the records.</summary>
    [ReadOnly]
    Task<long> GetVersionAsync();

    /// <summary>
    /// Stores the record (an empty id gets a new one; a stored id is replaced; a score replaces its goal's month)
    /// with today's day as recorded, and audits it. A record the programme refuses is not stored, and every field
    /// wrong is answered, each error's <see cref="ProgrammeErrorLine.Path"/> the field ("prediction", "goal_ids[1]").
    /// </summary>
    Task<MethodWriteResult> WriteAsync(MethodWrite write, MethodAuthor author);

    /// <summary>
    /// Stores <paramref name="records"/> as they are (the sample programmes' records, dated in the past) when nothing is
    /// recorded yet, audited as one entry; otherwise does nothing. For a first start only: nothing is checked.
    /// </summary>
    Task SeedAsync(MethodRecords records, MethodAuthor author);

    /// <summary>Tells <paramref name="watcher"/> of every new version (<see cref="IProgressWatcher.MethodChanged"/>).</summary>
    Task SubscribeAsync(IProgressWatcher watcher);

    Task UnsubscribeAsync(IProgressWatcher watcher);
}
