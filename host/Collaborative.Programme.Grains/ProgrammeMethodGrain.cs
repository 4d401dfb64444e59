using System.Collections.Immutable;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Collaborative.Programme.Grains;

/// <summary>
/// A programme's method records. A write is read from its message, checked against the programme in force and
/// against who may write for its goals (before and after), and stored together with its audit entry; the entry is
/// then added to the month's <see cref="IMethodAuditGrain"/>. An entry that did not reach it (the audit grain's host
/// died) stays pending in this grain's state and is added again on the next activation or write, so no stored
/// write is ever without its audit. Calls the programme grain and audit grains, which call nothing back.
/// </summary>
internal sealed class ProgrammeMethodGrain(
    [PersistentState("method")] IPersistentState<ProgrammeMethodState> state,
    ProgrammeDocuments documents,
    StorageConflicts conflicts,
    TimeProvider time,
    ILogger<ProgrammeMethodGrain> log) : Grain, IProgrammeMethodGrain
{
    private readonly ProgressWatchers _watchers = new(log);

    private MethodRecords Records => state.State.Records ??= new MethodRecords();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await FlushAuditAsync();

    public Task<MethodRecords> GetAsync() => Task.FromResult(Records);

    public Task<long> GetVersionAsync() => Task.FromResult(Records.Version);

    public async Task<MethodWriteResult> WriteAsync(MethodWrite write, MethodAuthor author)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(author);
        var document = await GrainFactory.GetGrain<IProgrammeGrain>(this.GetPrimaryKeyString()).GetAsync();
        if (document.IsRefused || document.Version == 0)
        {
            return Refused("programme", document.IsRefused
                ? document.RefusalException().Message
                : $"there is no programme '{this.GetPrimaryKeyString()}' to record the improvement method of");
        }

        var programme = documents.Definition(document);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var first = Change(write, author, programme, today);
        if (first.Result is { } refusal)
        {
            return refusal; // nothing to store
        }

        if (first.Before is { } before && !MethodAudit.Changes(before, first.After!).Any())
        {
            // The record as stored already (a client sending it again after a lost answer): nothing to store or audit.
            return new MethodWriteResult(new MethodWriteResponse { Version = Records.Version, Stored = Stored(before), Action = "unchanged" }, []);
        }

        // Decided again on every attempt: after a storage conflict the records were re-read.
        var outcome = await conflicts.WriteAsync(
            state,
            () =>
            {
                var change = Change(write, author, programme, today);
                if (change.Result is { } refused)
                {
                    return (Result: refused, Entry: (MethodAuditEntry?)null);
                }

                var version = Records.Version + 1;
                Records.Version = version;
                change.Apply!();
                if (change.Number > 0)
                {
                    state.State.LastNumbers[change.Kind] = change.Number;
                }

                var entry = new MethodAuditEntry
                {
                    Version = version,
                    At = Timestamp.FromDateTimeOffset(now),
                    Author = author,
                    RecordKind = change.Kind,
                    RecordId = change.RecordId,
                    Action = change.Before is null ? "created" : "updated",
                };
                entry.GoalIds.AddRange(change.Goals);
                entry.Changes.AddRange(MethodAudit.Changes(change.Before, change.After!));
                state.State.PendingAudit.Add(entry);
                // A copy: the result is [Immutable], passed by reference within a silo, and must not share the stored record.
                var stored = new MethodWriteResponse { Version = version, Stored = change.Stored!.Clone(), Action = entry.Action };
                return (Result: new MethodWriteResult(stored, []), Entry: entry);
            },
            () => { });
        if (outcome.Entry is null)
        {
            return outcome.Result;
        }

        _watchers.Notify(w => w.MethodChanged(outcome.Entry.Version));
        log.LogInformation("Programme '{Programme}': {Kind} '{Record}' {Action} by {Author} (method version {Version})",
            programme.Id, outcome.Entry.RecordKind, outcome.Entry.RecordId, outcome.Entry.Action, author.Principal, outcome.Entry.Version);
        await FlushAuditAsync();
        return outcome.Result;
    }

    public async Task SeedAsync(MethodRecords records, MethodAuthor author)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(author);
        if (Records.Version > 0)
        {
            return;
        }

        var entry = await conflicts.WriteAsync(
            state,
            () =>
            {
                if (Records.Version > 0)
                {
                    return null; // another host seeded first
                }

                var seeded = records.Clone();
                seeded.Version = 1;
                state.State.Records = seeded;
                var entry = new MethodAuditEntry
                {
                    Version = 1,
                    At = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    Author = author,
                    RecordKind = "sample",
                    RecordId = "sample",
                    Action = "created",
                };
                entry.GoalIds.AddRange(seeded.Cycles.Select(c => c.GoalId)
                    .Concat(seeded.Annotations.Select(a => a.GoalId))
                    .Concat(seeded.Scores.Select(s => s.GoalId))
                    .Concat(seeded.LearningEvents.SelectMany(e => e.GoalIds))
                    .Distinct(StringComparer.Ordinal));
                entry.Changes.Add(new FieldChange
                {
                    Field = "records",
                    After = $"{seeded.Cycles.Count} PDSA cycles, {seeded.Annotations.Count} annotations, {seeded.Scores.Count} progress scores, {seeded.LearningEvents.Count} learning events",
                });
                state.State.PendingAudit.Add(entry);
                return entry;
            },
            () => { });
        if (entry is not null)
        {
            _watchers.Notify(w => w.MethodChanged(1));
            await FlushAuditAsync();
        }
    }

    public Task SubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Subscribe(watcher);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IProgressWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    private Task FlushAuditAsync() => PendingAudit.FlushAsync(GrainFactory, this.GetPrimaryKeyString(), state.State.PendingAudit, log);

    private static MethodWrite Stored(Google.Protobuf.IMessage record) => record switch
    {
        Contracts.V1.PdsaCycleRecord cycle => new MethodWrite { Cycle = cycle.Clone() },
        Contracts.V1.ChartAnnotationRecord annotation => new MethodWrite { Annotation = annotation.Clone() },
        Contracts.V1.ProgressScoreRecord score => new MethodWrite { Score = score.Clone() },
        Contracts.V1.LearningEventRecord learningEvent => new MethodWrite { LearningEvent = learningEvent.Clone() },
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.GetType().Name, "not a method record"),
    };

    private static MethodWriteResult Refused(string field, string message) =>
        new(null, [new ProgrammeErrorLine(null, null, null, field, message)]);

    private static MethodWriteResult Refused(IEnumerable<ProgrammeError> errors) =>
        new(null, [.. errors.Select(ProgrammeErrorLine.From)]);

    /// <summary>What a write would change: a refusal, or the record before and after and how to apply it.</summary>
    private sealed record Pending(
        MethodWriteResult? Result,
        string Kind = "",
        string RecordId = "",
        ImmutableArray<string> Goals = default,
        Google.Protobuf.IMessage? Before = null,
        Google.Protobuf.IMessage? After = null,
        MethodWrite? Stored = null,
        Action? Apply = null,
        long Number = 0)
    {
        public static Pending Refusal(MethodWriteResult result) => new(result);
    }

    private Pending Change(MethodWrite write, MethodAuthor author, ProgrammeDefinition programme, DateOnly today) => write.RecordCase switch
    {
        MethodWrite.RecordOneofCase.Cycle => CycleChange(write.Cycle, author, programme, today),
        MethodWrite.RecordOneofCase.Annotation => AnnotationChange(write.Annotation, author, programme, today),
        MethodWrite.RecordOneofCase.Score => ScoreChange(write.Score, author, programme, today),
        MethodWrite.RecordOneofCase.LearningEvent => EventChange(write.LearningEvent, author, programme),
        _ => Pending.Refusal(Refused("record", "missing required field 'record': a cycle, annotation, score or learning_event")),
    };

    private Pending CycleChange(Contracts.V1.PdsaCycleRecord message, MethodAuthor author, ProgrammeDefinition programme, DateOnly today)
    {
        var (id, number) = IdFor(message.Id, "pdsa", "pdsa_cycle", Records.Cycles.Select(c => c.Id));
        var cycle = MethodContract.ToCycle(message, today, out var errors);
        if (cycle is null)
        {
            return Pending.Refusal(Refused(errors));
        }

        cycle = cycle with { Id = id };
        var index = IndexOf(Records.Cycles, c => c.Id == id);
        var before = index < 0 ? null : Records.Cycles[index];
        if (Denied(author, programme, before?.GoalId, cycle.GoalId) is { } denied)
        {
            return Pending.Refusal(denied);
        }

        if (before is not null && before.GoalId != cycle.GoalId)
        {
            return Pending.Refusal(Refused("goal_id", $"cycle '{id}' is of goal '{before.GoalId}'; a cycle keeps its goal (record a new cycle for goal '{cycle.GoalId}')"));
        }

        if (MethodValidator.Validate(cycle, programme) is { IsEmpty: false } invalid)
        {
            return Pending.Refusal(Refused(invalid));
        }

        var after = MethodContract.ToContract(cycle);
        return new Pending(null, "pdsa_cycle", id, [cycle.GoalId], before, after, new MethodWrite { Cycle = after }, () => Put(Records.Cycles, index, after), number);
    }

    private Pending AnnotationChange(Contracts.V1.ChartAnnotationRecord message, MethodAuthor author, ProgrammeDefinition programme, DateOnly today)
    {
        var (id, number) = IdFor(message.Id, "note", "annotation", Records.Annotations.Select(a => a.Id));
        var annotation = MethodContract.ToAnnotation(message, programme, author.Principal, today, out var errors);
        if (annotation is null)
        {
            return Pending.Refusal(Refused(errors));
        }

        annotation = annotation with { Id = id };
        var index = IndexOf(Records.Annotations, a => a.Id == id);
        var before = index < 0 ? null : Records.Annotations[index];
        if (Denied(author, programme, before?.GoalId, annotation.GoalId) is { } denied)
        {
            return Pending.Refusal(denied);
        }

        if (before is not null && before.GoalId != annotation.GoalId)
        {
            return Pending.Refusal(Refused("goal_id", $"annotation '{id}' is of goal '{before.GoalId}'; an annotation keeps its goal"));
        }

        if (MethodValidator.Validate(annotation, programme) is { IsEmpty: false } invalid)
        {
            return Pending.Refusal(Refused(invalid));
        }

        var after = MethodContract.ToContract(annotation);
        return new Pending(null, "annotation", id, [annotation.GoalId], before, after, new MethodWrite { Annotation = after }, () => Put(Records.Annotations, index, after), number);
    }

    private Pending ScoreChange(Contracts.V1.ProgressScoreRecord message, MethodAuthor author, ProgrammeDefinition programme, DateOnly today)
    {
        var score = MethodContract.ToScore(message, author.Principal, today, out var errors);
        if (score is null)
        {
            return Pending.Refusal(Refused(errors));
        }

        if (Denied(author, programme, null, score.GoalId) is { } denied)
        {
            return Pending.Refusal(denied);
        }

        if (MethodValidator.Validate(score, programme, today) is { IsEmpty: false } invalid)
        {
            return Pending.Refusal(Refused(invalid));
        }

        var after = MethodContract.ToContract(score);
        var index = IndexOf(Records.Scores, s => s.GoalId == after.GoalId && s.Month == after.Month);
        var before = index < 0 ? null : Records.Scores[index];
        return new Pending(null, "progress_score", $"{after.GoalId}/{after.Month}", [score.GoalId], before, after, new MethodWrite { Score = after }, () => Put(Records.Scores, index, after));
    }

    private Pending EventChange(Contracts.V1.LearningEventRecord message, MethodAuthor author, ProgrammeDefinition programme)
    {
        var (id, number) = IdFor(message.Id, "event", "learning_event", Records.LearningEvents.Select(e => e.Id));
        var learningEvent = MethodContract.ToLearningEvent(message, out var errors);
        if (learningEvent is null)
        {
            return Pending.Refusal(Refused(errors));
        }

        learningEvent = learningEvent with { Id = id };
        var index = IndexOf(Records.LearningEvents, e => e.Id == id);
        var before = index < 0 ? null : Records.LearningEvents[index];
        var goals = learningEvent.Goals.Concat(before?.GoalIds ?? []).ToList();
        if (Denied(author, programme, goals) is { } denied)
        {
            return Pending.Refusal(denied);
        }

        if (author.Role == "partner" && learningEvent.Goals.IsEmpty)
        {
            return Pending.Refusal(Refused("goal_ids", $"a partner's learning event names the goals it covered, each one its organisation co-owns: {MethodWriters.Rule}"));
        }

        if (MethodValidator.Validate(learningEvent, programme) is { IsEmpty: false } invalid)
        {
            return Pending.Refusal(Refused(invalid));
        }

        var after = MethodContract.ToContract(learningEvent);
        return new Pending(null, "learning_event", id, learningEvent.Goals, before, after, new MethodWrite { LearningEvent = after }, () => Put(Records.LearningEvents, index, after), number);
    }

    private static MethodWriteResult? Denied(MethodAuthor author, ProgrammeDefinition programme, string? before, string after) =>
        Denied(author, programme, before is null ? [after] : [before, after]);

    private static MethodWriteResult? Denied(MethodAuthor author, ProgrammeDefinition programme, IEnumerable<string> goals) =>
        MethodWriters.Denial(author.Role, author.Partner, goals, programme) is { } why ? new MethodWriteResult(null, [], why) : null;

    /// <summary>
    /// The id asked for, or a new "prefix-N" no record has, N above every number given before to a record of
    /// <paramref name="kind"/>: each kind is numbered from 1 (a programme's first note is "note-1" whatever else it has).
    /// </summary>
    private (string Id, long Number) IdFor(string asked, string prefix, string kind, IEnumerable<string> taken)
    {
        if (!string.IsNullOrWhiteSpace(asked))
        {
            return (asked.Trim(), 0);
        }

        var used = taken.ToHashSet(StringComparer.Ordinal);
        var number = state.State.LastNumbers.GetValueOrDefault(kind);
        string id;
        do
        {
            number++;
            id = $"{prefix}-{number}";
        }
        while (used.Contains(id));
        return (id, number);
    }

    private static int IndexOf<T>(Google.Protobuf.Collections.RepeatedField<T> records, Func<T, bool> match)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (match(records[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Put<T>(Google.Protobuf.Collections.RepeatedField<T> records, int index, T record)
    {
        if (index < 0)
        {
            records.Add(record);
        }
        else
        {
            records[index] = record;
        }
    }
}
