using System.Collections.Immutable;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Method;

/// <summary>
/// The checks a method record must pass against its programme before it is stored: required fields,
/// ids, references to goals, change ideas and partners, dates that agree with the status, and sizes.
/// Every error names its field as method.proto names it, the API's and the form's name ("prediction", "ended",
/// "goal_id", "goal_ids[1]"), so a form can show each beside its field; all are collected, not only the first.
/// </summary>
public static class MethodValidator
{
    public static ImmutableArray<ProgrammeError> Validate(PdsaCycle cycle, ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(programme);
        var errors = new Errors();
        errors.Id(cycle.Id, "id", "cycle");
        var goal = errors.Goal(cycle.GoalId, "goal_id", programme);
        if (errors.Required(cycle.ChangeIdeaId, "change_idea_id") && goal is not null)
        {
            if (goal.DriverDiagram?.FindChangeIdea(cycle.ChangeIdeaId) is null)
            {
                errors.Add("change_idea_id", programme.FindChangeIdea(cycle.ChangeIdeaId) is { } elsewhere
                    ? $"change idea '{cycle.ChangeIdeaId}' belongs to goal '{elsewhere.Goal.Id}', not '{goal.Id}'"
                    : $"goal '{goal.Id}' has no change idea '{cycle.ChangeIdeaId}' in its driver diagram{(goal.DriverDiagram is null ? " (it has no driver diagram)" : string.Empty)}");
            }
        }

        errors.Partner(cycle.Owner, "owner", programme);
        errors.Text(cycle.Plan, "plan", MethodLimits.MaxText, required: true);
        errors.Text(cycle.Prediction, "prediction", MethodLimits.MaxText, required: true);
        errors.Text(cycle.Study, "study", MethodLimits.MaxText, required: cycle.Status == PdsaStatus.Done);
        errors.Date(cycle.Recorded, "recorded");
        errors.Date(cycle.Started, "started");
        errors.Date(cycle.Ended, "ended");
        var status = MethodVocabulary.Word(cycle.Status);
        if (cycle.Status != PdsaStatus.Planned && cycle.Started is null)
        {
            errors.Add("started", $"a cycle that is {status} has started; give the day it started");
        }

        if (cycle.Status is PdsaStatus.Studying or PdsaStatus.Done && cycle.Ended is null)
        {
            errors.Add("ended", $"a cycle that is {status} has ended its 'do'; give the day it ended");
        }

        if (cycle.Status == PdsaStatus.Planned && cycle.Ended is not null)
        {
            errors.Add("ended", "a planned cycle has not ended; give an end day once it is studying or done");
        }

        if (cycle.Started is { } started && cycle.Ended is { } ended && ended < started)
        {
            errors.Add("ended", $"{ended:yyyy-MM-dd} is before the cycle started ({started:yyyy-MM-dd})");
        }

        if (cycle.Status != PdsaStatus.Planned && cycle.Started > cycle.Recorded)
        {
            errors.Add("started", $"{cycle.Started:yyyy-MM-dd} is after the cycle was recorded ({cycle.Recorded:yyyy-MM-dd}); a cycle that has not started is planned");
        }

        if (cycle.Status is PdsaStatus.Studying or PdsaStatus.Done && cycle.Ended > cycle.Recorded)
        {
            errors.Add("ended", $"{cycle.Ended:yyyy-MM-dd} is after the cycle was recorded ({cycle.Recorded:yyyy-MM-dd}); a cycle still being done is doing");
        }

        if (cycle.Status == PdsaStatus.Done && cycle.Act is null)
        {
            errors.Add("act", "a done cycle says what the team decided: adopt, adapt or abandon");
        }
        else if (cycle.Status != PdsaStatus.Done && cycle.Act is { } act)
        {
            errors.Add("act", $"only a done cycle has an act ({MethodVocabulary.Word(act)}); this one is {status}");
        }

        return errors.ToImmutable();
    }

    public static ImmutableArray<ProgrammeError> Validate(ChartAnnotation annotation, ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(programme);
        var errors = new Errors();
        errors.Id(annotation.Id, "id", "annotation");
        if (errors.Goal(annotation.GoalId, "goal_id", programme) is { } goal && programme.FindMeasure(goal.Measure) is { } measure
            && measure.Period != annotation.Period.Kind)
        {
            errors.Add("period", $"{annotation.Period.Label} is a {Word(annotation.Period.Kind)}, but goal '{goal.Id}' is measured by {Word(measure.Period)}");
        }

        errors.Date(annotation.Period.Start, "period");
        errors.Text(annotation.Text, "text", MethodLimits.MaxText, required: true);
        errors.Text(annotation.Author, "author", MethodLimits.MaxLine, required: true);
        errors.Date(annotation.Recorded, "recorded");
        return errors.ToImmutable();
    }

    /// <summary>A month's score for a goal team. With <paramref name="today"/>, a month not yet begun is refused.</summary>
    public static ImmutableArray<ProgrammeError> Validate(ProgressScore score, ProgrammeDefinition programme, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(programme);
        var errors = new Errors();
        errors.Goal(score.GoalId, "goal_id", programme);
        if (score.Month.Kind != PeriodKind.Month)
        {
            errors.Add("month", $"{score.Month.Label} is a week; progress is scored by month (YYYY-MM)");
        }
        else if (today is { } day && score.Month > Period.Containing(day, PeriodKind.Month))
        {
            errors.Add("month", $"{score.Month.Label} has not begun; score a month once it is under way");
        }

        errors.Date(score.Month.Start, "month");
        if (AssessmentScale.Find(score.Score) is null)
        {
            errors.Add("score", AssessmentScale.RefusalMessage(score.Score));
        }

        errors.Text(score.RecordedBy, "recorded_by", MethodLimits.MaxLine, required: true);
        errors.Text(score.Note, "note", MethodLimits.MaxText, required: false);
        errors.Date(score.Recorded, "recorded");
        return errors.ToImmutable();
    }

    public static ImmutableArray<ProgrammeError> Validate(LearningEvent learningEvent, ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(learningEvent);
        ArgumentNullException.ThrowIfNull(programme);
        var errors = new Errors();
        errors.Id(learningEvent.Id, "id", "learning event");
        errors.Date(learningEvent.Date, "date");
        errors.Text(learningEvent.Title, "title", MethodLimits.MaxLine, required: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < learningEvent.Goals.Length; i++)
        {
            var id = learningEvent.Goals[i];
            if (programme.FindGoal(id) is null)
            {
                errors.Add($"goal_ids[{i}]", $"'{id}' is not a shared goal of programme '{programme.Id}'");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"goal_ids[{i}]", $"goal '{id}' is named twice");
            }
        }

        if (learningEvent.Lessons.Length > MethodLimits.MaxLessons)
        {
            errors.Add("lessons", $"{learningEvent.Lessons.Length} lessons; at most {MethodLimits.MaxLessons} for one event");
        }

        for (var i = 0; i < learningEvent.Lessons.Length; i++)
        {
            errors.Text(learningEvent.Lessons[i], $"lessons[{i}]", MethodLimits.MaxText, required: true);
        }

        return errors.ToImmutable();
    }

    public static PdsaCycle EnsureValid(PdsaCycle cycle, ProgrammeDefinition programme) =>
        Ensure(cycle, "PDSA cycle", Validate(cycle, programme));

    public static ChartAnnotation EnsureValid(ChartAnnotation annotation, ProgrammeDefinition programme) =>
        Ensure(annotation, "annotation", Validate(annotation, programme));

    public static ProgressScore EnsureValid(ProgressScore score, ProgrammeDefinition programme, DateOnly? today = null) =>
        Ensure(score, "progress score", Validate(score, programme, today));

    public static LearningEvent EnsureValid(LearningEvent learningEvent, ProgrammeDefinition programme) =>
        Ensure(learningEvent, "learning event", Validate(learningEvent, programme));

    private static T Ensure<T>(T record, string what, ImmutableArray<ProgrammeError> errors) =>
        errors.IsEmpty ? record : throw new MethodRecordException(what, errors);

    private static string Word(PeriodKind kind) => kind == PeriodKind.Month ? "month" : "week";

    private sealed class Errors
    {
        private readonly ImmutableArray<ProgrammeError>.Builder _errors = ImmutableArray.CreateBuilder<ProgrammeError>();

        public void Add(string field, string message) => _errors.Add(new ProgrammeError { Path = field, Message = message });

        public ImmutableArray<ProgrammeError> ToImmutable() => _errors.ToImmutable();

        public bool Required(string? value, string field)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return true;
            }

            Add(field, $"missing required field '{field}'");
            return false;
        }

        public void Id(string? id, string field, string kind)
        {
            if (Required(id, field) && !ProgrammeValidator.IsValidId(id))
            {
                Add(field, $"'{id}' is not a valid {kind} id; use lower-case letters, digits, '.', '-' and '_', starting with a letter or digit");
            }
        }

        public SharedGoal? Goal(string? id, string field, ProgrammeDefinition programme)
        {
            if (!Required(id, field))
            {
                return null;
            }

            var goal = programme.FindGoal(id!);
            if (goal is null)
            {
                Add(field, $"'{id}' is not a shared goal of programme '{programme.Id}'");
            }

            return goal;
        }

        public void Partner(string? id, string field, ProgrammeDefinition programme)
        {
            if (Required(id, field) && programme.FindPartner(id!) is null)
            {
                Add(field, $"'{id}' is not a partner in programme '{programme.Id}'");
            }
        }

        public void Text(string? text, string field, int maximum, bool required)
        {
            if (required && !Required(text, field))
            {
                return;
            }

            if (text is { Length: var length } && length > maximum)
            {
                Add(field, $"{length:N0} characters; at most {maximum:N0}");
            }
        }

        /// <summary>Inside the range alignment checks can count months back and forward from.</summary>
        public void Date(DateOnly? date, string field)
        {
            if (date is { } day && (day < AlignmentContext.EarliestAsOf || day > AlignmentContext.LatestAsOf))
            {
                Add(field, $"{day:yyyy-MM-dd} is not a day from {AlignmentContext.EarliestAsOf:yyyy-MM-dd} to {AlignmentContext.LatestAsOf:yyyy-MM-dd}");
            }
        }
    }
}
