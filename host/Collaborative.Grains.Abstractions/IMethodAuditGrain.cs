using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Grains.Abstractions;

/// <summary>
/// The audit of one programme's method writes in one calendar month (UTC), oldest first: who, when, what changed.
/// One grain per month keeps each stored state small however long a programme runs. Keyed <see cref="Key"/>.
/// </summary>
public interface IMethodAuditGrain : IGrainWithStringKey
{
    /// <summary>"programmeGrainKey/audit/2026-11".</summary>
    static string Key(ProgrammeScope programme, int year, int month) =>
        $"{programme.GrainKey}{ProgrammeScope.Separator}audit{ProgrammeScope.Separator}{year:D4}-{month:D2}";

    /// <summary>Adds the entry unless one of the same record kind, record and version is there already (a write audited again after a restart).</summary>
    Task AppendAsync(MethodAuditEntry entry);

    [ReadOnly]
    Task<ImmutableArray<MethodAuditEntry>> ListAsync();
}
