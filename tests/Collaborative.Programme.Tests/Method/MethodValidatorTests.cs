using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Method;

/// <summary>Every refusal of a method record names its field, as a form shows it beside the field.</summary>
public sealed class MethodValidatorTests
{
    private static readonly PdsaCycle Done = Cycle with
    {
        Status = PdsaStatus.Done,
        Started = new DateOnly(2025, 9, 1),
        Ended = new DateOnly(2025, 9, 30),
        Study = "Seven of ten accepted; two asked for a pharmacist instead",
        Act = PdsaAct.Adapt,
        Recorded = new DateOnly(2025, 10, 2),
    };

    private static string Refusal(PdsaCycle cycle) => Assert.Single(MethodValidator.Validate(cycle, Mini)).ToString();

    private static string Refusal(ChartAnnotation annotation) => Assert.Single(MethodValidator.Validate(annotation, Mini)).ToString();

    private static string Refusal(ProgressScore score, DateOnly? today = null) => Assert.Single(MethodValidator.Validate(score, Mini, today)).ToString();

    private static string Refusal(LearningEvent learningEvent) => Assert.Single(MethodValidator.Validate(learningEvent, Mini)).ToString();

    private static readonly ChartAnnotation Note = new()
    {
        Id = "note-1",
        GoalId = "fewer-opioids",
        Period = Period.Month(2025, 6),
        Text = "New prescribing guidance issued",
        Author = "Lee Lead",
        Recorded = new DateOnly(2025, 6, 12),
    };

    [Fact]
    public void ValidRecords_AreAccepted()
    {
        Assert.Empty(MethodValidator.Validate(Cycle, Mini));
        Assert.Empty(MethodValidator.Validate(Done, Mini));
        Assert.Empty(MethodValidator.Validate(Cycle with { Status = PdsaStatus.Planned, Started = null }, Mini));
        Assert.Empty(MethodValidator.Validate(Note, Mini));
        Assert.Empty(MethodValidator.Validate(Score, Mini, today: new DateOnly(2025, 10, 1)));
        Assert.Empty(MethodValidator.Validate(Session, Mini));
        Assert.Same(Done, MethodValidator.EnsureValid(Done, Mini));
    }

    [Theory]
    [InlineData("id", "Taper 1", "id: 'Taper 1' is not a valid cycle id; use lower-case letters, digits, '.', '-' and '_', starting with a letter or digit")]
    [InlineData("goal_id", "falls", "goal_id: 'falls' is not a shared goal of programme 'mini'")]
    [InlineData("goal_id", "", "goal_id: missing required field 'goal_id'")]
    [InlineData("change_idea_id", "naloxone-kits", "change_idea_id: goal 'fewer-opioids' has no change idea 'naloxone-kits' in its driver diagram")]
    [InlineData("change_idea_id", "", "change_idea_id: missing required field 'change_idea_id'")]
    [InlineData("owner", "hospice", "owner: 'hospice' is not a partner in programme 'mini'")]
    [InlineData("plan", " ", "plan: missing required field 'plan'")]
    [InlineData("prediction", "", "prediction: missing required field 'prediction'")]
    public void Cycle_BadField_IsRefusedNamingIt(string field, string value, string expected)
    {
        var cycle = field switch
        {
            "id" => Cycle with { Id = value },
            "goal_id" => Cycle with { GoalId = value },
            "change_idea_id" => Cycle with { ChangeIdeaId = value },
            "owner" => Cycle with { Owner = value },
            "plan" => Cycle with { Plan = value },
            _ => Cycle with { Prediction = value },
        };
        Assert.Equal(expected, Refusal(cycle));
    }

    [Fact]
    public void Cycle_ForAnIdeaOfAnotherGoal_SaysWhichGoalHasIt()
    {
        var other = Goal with { Id = "other", DriverDiagram = null };
        var programme = Mini with { Goals = [Goal, other] };
        var error = Assert.Single(MethodValidator.Validate(Cycle with { GoalId = "other" }, programme));

        Assert.Equal("change_idea_id: change idea 'taper-clinic' belongs to goal 'fewer-opioids', not 'other'", error.ToString());
    }

    [Fact]
    public void Cycle_DatesMustAgreeWithItsStatus()
    {
        Assert.Equal("started: a cycle that is doing has started; give the day it started", Refusal(Cycle with { Started = null }));
        Assert.Equal("ended: a cycle that is studying has ended its 'do'; give the day it ended", Refusal(Done with { Status = PdsaStatus.Studying, Act = null, Ended = null }));
        Assert.Equal("ended: a planned cycle has not ended; give an end day once it is studying or done", Refusal(Cycle with { Status = PdsaStatus.Planned, Ended = new DateOnly(2025, 10, 30) }));
        Assert.Equal("ended: 2025-08-31 is before the cycle started (2025-09-01)", Refusal(Done with { Ended = new DateOnly(2025, 8, 31) }));
        Assert.Equal("started: 2025-10-07 is after the cycle was recorded (2025-10-06); a cycle that has not started is planned", Refusal(Cycle with { Started = new DateOnly(2025, 10, 7) }));
        Assert.Equal("ended: 2025-10-03 is after the cycle was recorded (2025-10-02); a cycle still being done is doing", Refusal(Done with { Ended = new DateOnly(2025, 10, 3) }));
        Assert.Equal("started: 1899-12-31 is not a day from 1900-01-01 to 9998-12-31", Refusal(Cycle with { Status = PdsaStatus.Planned, Started = new DateOnly(1899, 12, 31) }));

        // A planned cycle may name the day it will start.
        Assert.Empty(MethodValidator.Validate(Cycle with { Status = PdsaStatus.Planned, Started = new DateOnly(2025, 12, 1) }, Mini));
    }

    [Fact]
    public void Cycle_ADoneCycleActsAndSaysWhatHappened_NoOtherActs()
    {
        Assert.Equal("act: a done cycle says what the team decided: adopt, adapt or abandon", Refusal(Done with { Act = null }));
        Assert.Equal("study: missing required field 'study'", Refusal(Done with { Study = "" }));
        Assert.Equal("act: only a done cycle has an act (adopt); this one is doing", Refusal(Cycle with { Act = PdsaAct.Adopt }));
    }

    [Fact]
    public void Cycle_TooLongText_IsRefusedWithTheLimit()
    {
        Assert.Equal("plan: 4,001 characters; at most 4,000", Refusal(Cycle with { Plan = new string('x', MethodLimits.MaxText + 1) }));
    }

    [Fact]
    public void Cycle_EveryErrorIsListed_AndEnsureValidThrowsThemAll()
    {
        var broken = Cycle with { Owner = "", Prediction = "", Act = PdsaAct.Abandon };
        var refused = Assert.Throws<MethodRecordException>(() => MethodValidator.EnsureValid(broken, Mini));

        Assert.Equal(["owner", "prediction", "act"], refused.Errors.Select(e => e.Path));
        Assert.StartsWith("The PDSA cycle was refused: owner: missing required field 'owner'; prediction:", refused.Message);
    }

    [Fact]
    public void Annotation_BadFields_AreRefusedNamingThem()
    {
        Assert.Equal("period: 2025-W23 is a week, but goal 'fewer-opioids' is measured by month", Refusal(Note with { Period = Period.IsoWeek(2025, 23) }));
        Assert.Equal("text: missing required field 'text'", Refusal(Note with { Text = "" }));
        Assert.Equal("author: missing required field 'author'", Refusal(Note with { Author = " " }));
        Assert.Equal("author: 201 characters; at most 200", Refusal(Note with { Author = new string('a', 201) }));
        Assert.Equal("goal_id: 'falls' is not a shared goal of programme 'mini'", Refusal(Note with { GoalId = "falls" }));
        Assert.Equal("id: missing required field 'id'", Refusal(Note with { Id = "" }));
    }

    [Theory]
    [InlineData(3.3, "score: 3.3 is not a half step from 1.0 to 5.0")]
    [InlineData(0.5, "score: 0.5 is not a half step from 1.0 to 5.0")]
    [InlineData(5.5, "score: 5.5 is not a half step from 1.0 to 5.0")]
    [InlineData(2.25, "score: 2.25 is not a half step from 1.0 to 5.0")]
    [InlineData(double.NaN, "score: NaN is not a half step from 1.0 to 5.0")]
    public void Score_OffTheScale_IsRefusedNamingTheField(double value, string expected)
    {
        Assert.Equal(expected, Refusal(Score with { Score = value }));
    }

    [Fact]
    public void Score_MonthMustBeAMonthAlreadyBegun_AndSaysWhoScored()
    {
        Assert.Equal("month: 2025-W40 is a week; progress is scored by month (YYYY-MM)", Refusal(Score with { Month = Period.IsoWeek(2025, 40) }));
        Assert.Equal("month: 2025-12 has not begun; score a month once it is under way", Refusal(Score with { Month = Period.Month(2025, 12) }, today: new DateOnly(2025, 11, 30)));
        Assert.Empty(MethodValidator.Validate(Score with { Month = Period.Month(2025, 11) }, Mini, today: new DateOnly(2025, 11, 1)));
        Assert.Equal("recorded_by: missing required field 'recorded_by'", Refusal(Score with { RecordedBy = "" }));
        Assert.Equal("goal_id: 'falls' is not a shared goal of programme 'mini'", Refusal(Score with { GoalId = "falls" }));
        var refused = Assert.Throws<MethodRecordException>(() => MethodValidator.EnsureValid(Score with { Score = 3.3 }, Mini));
        Assert.Equal("The progress score was refused: score: 3.3 is not a half step from 1.0 to 5.0", refused.Message);
    }

    [Fact]
    public void LearningEvent_BadFields_AreRefusedNamingThem()
    {
        Assert.Equal("goal_ids[1]: 'falls' is not a shared goal of programme 'mini'", Refusal(Session with { Goals = ["fewer-opioids", "falls"] }));
        Assert.Equal("goal_ids[1]: goal 'fewer-opioids' is named twice", Refusal(Session with { Goals = ["fewer-opioids", "fewer-opioids"] }));
        Assert.Equal("lessons[1]: missing required field 'lessons[1]'", Refusal(Session with { Lessons = ["Ask early", ""] }));
        Assert.Equal("lessons: 51 lessons; at most 50 for one event", Refusal(Session with { Lessons = [.. Enumerable.Repeat("Ask early", 51)] }));
        Assert.Equal("title: missing required field 'title'", Refusal(Session with { Title = "" }));
        Assert.Equal("date: 0001-01-01 is not a day from 1900-01-01 to 9998-12-31", Refusal(Session with { Date = DateOnly.MinValue }));
    }
}
