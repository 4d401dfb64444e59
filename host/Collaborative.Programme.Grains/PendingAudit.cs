using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Google.Protobuf.Collections;
using Microsoft.Extensions.Logging;

namespace Collaborative.Programme.Grains;

/// <summary>
/// Audit entries a grain stored together with the write they audit, on their way to the month's
/// <see cref="IMethodAuditGrain"/>. Each added there is dropped from the state held in memory (and from storage with
/// the grain's next write; until then a restart adds it again, which the audit ignores). A failure leaves the rest
/// pending: the write stands, and its audit follows on the grain's next activation or write.
/// </summary>
internal static class PendingAudit
{
    public static async Task FlushAsync(IGrainFactory grains, string programmeGrainKey, RepeatedField<MethodAuditEntry> pending, ILogger log)
    {
        var scope = new ProgrammeScope(string.Empty, programmeGrainKey, string.Empty);
        foreach (var entry in pending.ToList())
        {
            try
            {
                var at = entry.At.ToDateTimeOffset();
                await grains.GetGrain<IMethodAuditGrain>(IMethodAuditGrain.Key(scope, at.Year, at.Month)).AppendAsync(entry);
                pending.Remove(entry);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.LogWarning(ex, "The audit of {Kind} '{Record}' (version {Version}) of '{Programme}' is kept pending and added again later",
                    entry.RecordKind, entry.RecordId, entry.Version, programmeGrainKey);
                return;
            }
        }
    }
}
