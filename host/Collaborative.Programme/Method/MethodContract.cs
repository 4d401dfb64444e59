using System.Collections.Immutable;
using System.Globalization;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Programme.Method;

/// <summary>
/// The method's records as method.proto writes them, both ways. Reading a message checks only what its text
/// says (words, days, periods), naming the field; <see cref="MethodValidator"/> then checks the record against
/// the programme. A message read here is always given the day it is recorded and who recorded it by the caller,
/// never taken from the message.
/// </summary>
public static class MethodContract
{
    public const string DayFormat = "yyyy-MM-dd";

    public static Contract.PdsaCycleRecord ToContract(PdsaCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new Contract.PdsaCycleRecord
        {
            Id = cycle.Id,
            GoalId = cycle.GoalId,
            ChangeIdeaId = cycle.ChangeIdeaId,
            Owner = cycle.Owner,
            Status = MethodVocabulary.Word(cycle.Status),
            Plan = cycle.Plan,
            Prediction = cycle.Prediction,
            Started = Day(cycle.Started),
            Ended = Day(cycle.Ended),
            Study = cycle.Study,
            Act = cycle.Act is { } act ? MethodVocabulary.Word(act) : string.Empty,
            Recorded = Day(cycle.Recorded),
        };
    }

    public static Contract.ChartAnnotationRecord ToContract(ChartAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new Contract.ChartAnnotationRecord
        {
            Id = annotation.Id,
            GoalId = annotation.GoalId,
            Period = annotation.Period.Label,
            Text = annotation.Text,
            Author = annotation.Author,
            Recorded = Day(annotation.Recorded),
        };
    }

    public static Contract.ProgressScoreRecord ToContract(ProgressScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new Contract.ProgressScoreRecord
        {
            GoalId = score.GoalId,
            Month = score.Month.Label,
            Score = score.Score,
            Note = score.Note,
            RecordedBy = score.RecordedBy,
            Recorded = Day(score.Recorded),
            Level = AssessmentScale.Find(score.Score)?.Title ?? string.Empty,
        };
    }

    public static Contract.LearningEventRecord ToContract(LearningEvent learningEvent)
    {
        ArgumentNullException.ThrowIfNull(learningEvent);
        var message = new Contract.LearningEventRecord
        {
            Id = learningEvent.Id,
            Date = Day(learningEvent.Date),
            Kind = MethodVocabulary.Word(learningEvent.Kind),
            Title = learningEvent.Title,
        };
        message.GoalIds.AddRange(learningEvent.Goals);
        message.Lessons.AddRange(learningEvent.Lessons);
        return message;
    }

    public static Contract.MethodRecords ToContract(MethodSnapshot method, long version)
    {
        ArgumentNullException.ThrowIfNull(method);
        var records = new Contract.MethodRecords { Version = version };
        records.Cycles.AddRange(method.Cycles.Select(ToContract));
        records.Annotations.AddRange(method.Annotations.Select(ToContract));
        records.Scores.AddRange(method.Scores.Select(ToContract));
        records.LearningEvents.AddRange(method.Events.Select(ToContract));
        return records;
    }

    /// <summary>
    /// The snapshot of stored records. Stored records were checked when written; one a later programme can no
    /// longer read (an annotation whose goal is now measured by week) is left out rather than failing every reader.
    /// </summary>
    public static MethodSnapshot ToSnapshot(Contract.MethodRecords records, ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(programme);
        return new MethodSnapshot(
            records.Cycles.Select(c => ToCycle(c, Stored(c.Recorded), out _)).OfType<PdsaCycle>(),
            records.Annotations.Select(a => ToAnnotation(a, programme, a.Author, Stored(a.Recorded), out _)).OfType<ChartAnnotation>(),
            records.Scores.Select(s => ToScore(s, s.RecordedBy, Stored(s.Recorded), out _)).OfType<ProgressScore>(),
            records.LearningEvents.Select(e => ToLearningEvent(e, out _)).OfType<LearningEvent>());
    }

    /// <summary>The cycle a message describes, or null with every field it could not read.</summary>
    public static PdsaCycle? ToCycle(Contract.PdsaCycleRecord message, DateOnly recorded, out ImmutableArray<ProgrammeError> errors)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = new Reading();
        var status = reading.Word(MethodVocabulary.Statuses, message.Status, "status");
        var act = string.IsNullOrWhiteSpace(message.Act) ? null : reading.Word(MethodVocabulary.Acts, message.Act, "act");
        var started = reading.Day(message.Started, "started");
        var ended = reading.Day(message.Ended, "ended");
        errors = reading.Errors;
        return status is { } s && errors.IsEmpty
            ? new PdsaCycle
            {
                Id = message.Id.Trim(),
                GoalId = message.GoalId.Trim(),
                ChangeIdeaId = message.ChangeIdeaId.Trim(),
                Owner = message.Owner.Trim(),
                Status = s,
                Plan = message.Plan.Trim(),
                Prediction = message.Prediction.Trim(),
                Started = started,
                Ended = ended,
                Study = message.Study.Trim(),
                Act = act,
                Recorded = recorded,
            }
            : null;
    }

    /// <summary>The annotation a message describes (its period read as the goal's measure's kind), or null with every field it could not read.</summary>
    public static ChartAnnotation? ToAnnotation(Contract.ChartAnnotationRecord message, ProgrammeDefinition programme, string author, DateOnly recorded, out ImmutableArray<ProgrammeError> errors)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(programme);
        var reading = new Reading();
        var kind = programme.FindGoal(message.GoalId.Trim()) is { } goal && programme.FindMeasure(goal.Measure) is { } measure
            ? measure.Period
            : message.Period.Contains('W', StringComparison.OrdinalIgnoreCase) ? PeriodKind.Week : PeriodKind.Month;
        var period = reading.Period(message.Period, kind, "period");
        errors = reading.Errors;
        return period is { } p && errors.IsEmpty
            ? new ChartAnnotation
            {
                Id = message.Id.Trim(),
                GoalId = message.GoalId.Trim(),
                Period = p,
                Text = message.Text.Trim(),
                Author = author,
                Recorded = recorded,
            }
            : null;
    }

    /// <summary>The score a message describes, or null with every field it could not read.</summary>
    public static ProgressScore? ToScore(Contract.ProgressScoreRecord message, string recordedBy, DateOnly recorded, out ImmutableArray<ProgrammeError> errors)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = new Reading();
        var month = reading.Period(message.Month, PeriodKind.Month, "month");
        errors = reading.Errors;
        return month is { } m && errors.IsEmpty
            ? new ProgressScore
            {
                GoalId = message.GoalId.Trim(),
                Month = m,
                Score = message.Score,
                Note = message.Note.Trim(),
                RecordedBy = recordedBy,
                Recorded = recorded,
            }
            : null;
    }

    /// <summary>The learning event a message describes, or null with every field it could not read.</summary>
    public static LearningEvent? ToLearningEvent(Contract.LearningEventRecord message, out ImmutableArray<ProgrammeError> errors)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = new Reading();
        var date = reading.Day(message.Date, "date", required: true);
        var kind = string.IsNullOrWhiteSpace(message.Kind) ? LearningEventKind.LearningSession : reading.Word(MethodVocabulary.EventKinds, message.Kind, "kind");
        errors = reading.Errors;
        return date is { } d && kind is { } k && errors.IsEmpty
            ? new LearningEvent
            {
                Id = message.Id.Trim(),
                Date = d,
                Kind = k,
                Title = message.Title.Trim(),
                Goals = [.. message.GoalIds.Select(g => g.Trim())],
                Lessons = [.. message.Lessons.Select(l => l.Trim())],
            }
            : null;
    }

    /// <summary>"2026-11-30", or empty for no day.</summary>
    public static string Day(DateOnly? day) => day?.ToString(DayFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A stored record's day (written by <see cref="Day"/>).</summary>
    private static DateOnly Stored(string day) =>
        DateOnly.TryParseExact(day, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : DateOnly.MinValue;

    private sealed class Reading
    {
        private readonly ImmutableArray<ProgrammeError>.Builder _errors = ImmutableArray.CreateBuilder<ProgrammeError>();

        public ImmutableArray<ProgrammeError> Errors => _errors.ToImmutable();

        public T? Word<T>(ImmutableDictionary<T, string> words, string text, string field)
            where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Add(field, $"missing required field '{field}'");
                return null;
            }

            var value = MethodVocabulary.Parse(words, text, field, out var error);
            if (error is not null)
            {
                Add(field, error[(field.Length + 2)..]);
            }

            return value;
        }

        public DateOnly? Day(string text, string field, bool required = false)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Add(field, $"missing required field '{field}'");
                }

                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            Add(field, $"'{text}' is not a day; expected YYYY-MM-DD");
            return null;
        }

        public Period? Period(string text, PeriodKind kind, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Add(field, $"missing required field '{field}'");
                return null;
            }

            if (Periods.Period.TryParse(text, kind, out var period, out var error))
            {
                return period;
            }

            Add(field, error);
            return null;
        }

        private void Add(string field, string message) => _errors.Add(new ProgrammeError { Path = field, Message = message });
    }
}
