using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;
using Contract = Collaborative.Contracts.V1;
using static Collaborative.Programme.Tests.Alignment.AlignedProgramme;

namespace Collaborative.Programme.Tests.Method;

/// <summary>
/// Method records as method.proto writes them: each kind reads back as it was written; a message's words, days and
/// periods that cannot be read are refused naming the field; and an audited write lists exactly the fields it changed.
/// </summary>
public sealed class MethodContractTests
{
    private static readonly PdsaCycle Done = Cycle with
    {
        Status = PdsaStatus.Done,
        Ended = new DateOnly(2025, 10, 31),
        Study = "Seven of ten accepted",
        Act = PdsaAct.Adapt,
        Recorded = new DateOnly(2025, 11, 2),
    };

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
    public void Cycles_PlannedDoingAndDone_ReadBackAsWritten()
    {
        PdsaCycle[] cycles = [Cycle with { Status = PdsaStatus.Planned, Started = null }, Cycle, Done];

        foreach (var cycle in cycles)
        {
            var message = MethodContract.ToContract(cycle);

            Assert.Equal(cycle, MethodContract.ToCycle(message, cycle.Recorded, out var errors));
            Assert.Empty(errors);
        }

        Assert.Equal(
            ("done", "2025-10-06", "2025-10-31", "adapt", "2025-11-02"),
            MethodContract.ToContract(Done) is var done ? (done.Status, done.Started, done.Ended, done.Act, done.Recorded) : default);
        Assert.Equal(("", ""), MethodContract.ToContract(Cycle with { Status = PdsaStatus.Planned, Started = null }) is var planned ? (planned.Started, planned.Act) : default);
    }

    [Fact]
    public void AnAnnotation_ReadsBackAsWritten_ItsPeriodAsItsGoalsMeasureCounts()
    {
        var message = MethodContract.ToContract(Note);

        Assert.Equal("2025-06", message.Period);
        Assert.Equal(Note, MethodContract.ToAnnotation(message, Mini, Note.Author, Note.Recorded, out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void AScore_ReadsBackAsWritten_AndIsWrittenWithItsLevel()
    {
        var message = MethodContract.ToContract(Score);

        Assert.Equal(("2025-10", 2.5, AssessmentScale.Level(2.5).Title), (message.Month, message.Score, message.Level));
        Assert.Equal(Score, MethodContract.ToScore(message, Score.RecordedBy, Score.Recorded, out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void ALearningEvent_ReadsBackAsWritten_GoalsAndLessonsInOrder()
    {
        var session = Session with { Goals = ["fewer-opioids", "other"], Lessons = ["First", "Second"] };

        var read = MethodContract.ToLearningEvent(MethodContract.ToContract(session), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(read);
        Assert.Equal(session.Goals.AsEnumerable(), read.Goals.AsEnumerable());
        Assert.Equal(session.Lessons.AsEnumerable(), read.Lessons.AsEnumerable());
        Assert.Equal(session, read with { Goals = session.Goals, Lessons = session.Lessons });
        Assert.Equal("learning_session", MethodContract.ToContract(session).Kind);
    }

    [Fact]
    public void ASnapshot_ReadsBackAsWritten_WithTheVersionGiven()
    {
        var snapshot = new MethodSnapshot([Cycle, Done with { Id = "taper-2" }], [Note], [Score], [Session]);

        var records = MethodContract.ToContract(snapshot, 7);
        var read = MethodContract.ToSnapshot(records, Mini);

        Assert.Equal(7, records.Version);
        Assert.Equal(snapshot.Cycles.AsEnumerable(), read.Cycles.AsEnumerable());
        Assert.Equal(snapshot.Annotations.AsEnumerable(), read.Annotations.AsEnumerable());
        Assert.Equal(snapshot.Scores.AsEnumerable(), read.Scores.AsEnumerable());
        Assert.Equal(snapshot.Events.Select(e => (e.Id, e.Date, e.Title, string.Join("|", e.Goals), string.Join("|", e.Lessons))),
            read.Events.Select(e => (e.Id, e.Date, e.Title, string.Join("|", e.Goals), string.Join("|", e.Lessons))));
    }

    [Fact]
    public void AMessage_ThatCannotBeRead_IsRefusedNamingEveryFieldWrong()
    {
        var cycle = MethodContract.ToContract(Done);
        cycle.Status = "finished";
        cycle.Act = "keep";
        cycle.Started = "2025-13-01";
        cycle.Ended = "31/10/2025";

        Assert.Null(MethodContract.ToCycle(cycle, Done.Recorded, out var errors));
        Assert.Equal(
            [
                "status: 'finished' is not one of planned, doing, studying, done",
                "act: 'keep' is not one of adopt, adapt, abandon",
                "started: '2025-13-01' is not a day; expected YYYY-MM-DD",
                "ended: '31/10/2025' is not a day; expected YYYY-MM-DD",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal("status: missing required field 'status'", Assert.Single(Errors(new Contract.PdsaCycleRecord())));

        var week = MethodContract.ToContract(Note);
        week.Period = "2025-W23";
        Assert.Null(MethodContract.ToAnnotation(week, Mini, "Lee Lead", Note.Recorded, out var weekErrors));
        Assert.Equal("period", Assert.Single(weekErrors).Path);

        var score = MethodContract.ToContract(Score);
        score.Month = "2025-W40";
        Assert.Null(MethodContract.ToScore(score, "Lee Lead", Score.Recorded, out var scoreErrors));
        Assert.Equal("month", Assert.Single(scoreErrors).Path);

        var learningEvent = new Contract.LearningEventRecord { Id = "ls-3", Kind = "party", Title = "Party" };
        Assert.Null(MethodContract.ToLearningEvent(learningEvent, out var eventErrors));
        Assert.Equal(["date: missing required field 'date'", "kind: 'party' is not one of learning_session, action_period_review, webinar, other"], eventErrors.Select(e => e.ToString()));
    }

    [Fact]
    public void Words_AreReadWhateverTheirCaseAndSeparator()
    {
        var cycle = MethodContract.ToContract(Done);
        cycle.Status = " Done ";
        cycle.Act = "ADAPT";
        var learningEvent = MethodContract.ToContract(Session);
        learningEvent.Kind = "Action-Period review";

        Assert.Equal(Done, MethodContract.ToCycle(cycle, Done.Recorded, out _));
        Assert.Equal(LearningEventKind.ActionPeriodReview, MethodContract.ToLearningEvent(learningEvent, out _)!.Kind);
    }

    [Fact]
    public void Changes_OfANewRecord_AreItsFieldsWithAValue_RecordedLeftOut()
    {
        var changes = MethodAudit.Changes(null, MethodContract.ToContract(Cycle));

        Assert.Equal(
            [
                ("id", "", "taper-1"), ("goal_id", "", "fewer-opioids"), ("change_idea_id", "", "taper-clinic"), ("owner", "", "gp"), ("status", "", "doing"),
                ("plan", "", Cycle.Plan), ("prediction", "", Cycle.Prediction), ("started", "", "2025-10-06"),
            ],
            changes.Select(c => (c.Field, c.Before, c.After)));
    }

    [Fact]
    public void Changes_OfAnUpdate_AreExactlyTheFieldsChanged()
    {
        var before = MethodContract.ToContract(Cycle);
        var after = MethodContract.ToContract(Done);

        Assert.Equal(
            [("status", "doing", "done"), ("ended", "", "2025-10-31"), ("study", "", "Seven of ten accepted"), ("act", "", "adapt")],
            MethodAudit.Changes(before, after).Select(c => (c.Field, c.Before, c.After)));
        Assert.Empty(MethodAudit.Changes(before, MethodContract.ToContract(Cycle with { Recorded = new DateOnly(2025, 12, 1) })));
    }

    [Fact]
    public void Changes_WriteListsJoinedAndScoresWithTheirHalfSteps_LevelLeftOut()
    {
        var session = MethodContract.ToContract(Session with { Goals = ["fewer-opioids"], Lessons = ["First"] });
        var moreLessons = MethodContract.ToContract(Session with { Goals = ["fewer-opioids", "other"], Lessons = ["First", "Second"] });

        Assert.Equal(
            [("goal_ids", "fewer-opioids", "fewer-opioids; other"), ("lessons", "First", "First; Second")],
            MethodAudit.Changes(session, moreLessons).Select(c => (c.Field, c.Before, c.After)));
        Assert.Equal(
            [("score", "2.5", "4.0")],
            MethodAudit.Changes(MethodContract.ToContract(Score), MethodContract.ToContract(Score with { Score = 4.0 })).Select(c => (c.Field, c.Before, c.After)));
    }

    private static IEnumerable<string> Errors(Contract.PdsaCycleRecord message)
    {
        MethodContract.ToCycle(message, Done.Recorded, out var errors);
        return errors.Select(e => e.ToString());
    }
}
