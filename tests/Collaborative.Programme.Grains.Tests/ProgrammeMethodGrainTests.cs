using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using static Collaborative.Programme.Grains.Tests.MethodWrites;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// Every write path of a programme's method grain: what it stores (ids, the recorded day from the silo's clock, the
/// version), what it refuses (naming the field) or denies (who may write), the audit entry of each write, and the
/// watchers it tells. Each test records on a programme of its own.
/// </summary>
[Collection(MethodClusterCollection.Name)]
public sealed class ProgrammeMethodGrainTests(MethodCluster cluster)
{
    private static readonly string Today = MethodCluster.Today.ToString("yyyy-MM-dd");

    [Fact]
    public async Task Cycle_PlannedThenDoingStudyingDone_IsOneRecordGivenAnId_EachWriteAVersionAndAnAuditEntry()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-cycle");
        Assert.Equal(0, await method.GetVersionAsync());

        var planned = await method.WriteAsync(Write(Planned()), Leader);
        var doing = await method.WriteAsync(Write(Cycle("pdsa-1", "doing")), Leader);
        var studying = await method.WriteAsync(Write(Cycle("pdsa-1", "studying")), Leader);
        var done = await method.WriteAsync(Write(Cycle("pdsa-1", "done")), Leader);
        var another = await method.WriteAsync(Write(Planned()), Leader);

        Assert.All([planned, doing, studying, done, another], r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        Assert.Equal([1L, 2, 3, 4, 5], new[] { planned, doing, studying, done, another }.Select(r => r.Stored!.Version));
        Assert.Equal(["created", "updated", "updated", "updated", "created"], new[] { planned, doing, studying, done, another }.Select(r => r.Stored!.Action));
        Assert.Equal("pdsa-1", planned.Stored!.Stored.Cycle.Id);
        Assert.Equal("pdsa-2", another.Stored!.Stored.Cycle.Id);
        Assert.Equal(With(Cycle("pdsa-1", "done"), c => c.Recorded = Today), done.Stored!.Stored.Cycle);

        var records = await method.GetAsync();
        Assert.Equal(5, records.Version);
        Assert.Equal(5, await method.GetVersionAsync());
        Assert.Equal([done.Stored.Stored.Cycle, another.Stored!.Stored.Cycle], records.Cycles);
        Assert.Empty(records.Annotations);

        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        Assert.Equal([1L, 2, 3, 4, 5], audit.Select(e => e.Version));
        Assert.All(audit, e =>
        {
            Assert.Equal(Leader, e.Author);
            Assert.Equal("pdsa_cycle", e.RecordKind);
            Assert.Equal([Ward], e.GoalIds);
            Assert.Equal(MethodCluster.Today, DateOnly.FromDateTime(e.At.ToDateTime()));
        });
        Assert.Equal(["pdsa-1", "pdsa-1", "pdsa-1", "pdsa-1", "pdsa-2"], audit.Select(e => e.RecordId));
        Assert.Equal(["created", "updated", "updated", "updated", "created"], audit.Select(e => e.Action));
        Assert.Equal(["id", "goal_id", "change_idea_id", "owner", "status", "plan", "prediction"], audit[0].Changes.Select(c => c.Field));
        Assert.Equal(("id", "", "pdsa-1"), Changes(audit[0])[0]);
        Assert.Equal([("status", "planned", "doing"), ("started", "", "2026-12-01")], Changes(audit[1]));
        Assert.Equal([("status", "doing", "studying"), ("ended", "", "2026-12-10"), ("study", "", "Two contracts' issues did not come back; one did.")], Changes(audit[2]));
        Assert.Equal([("status", "studying", "done"), ("act", "", "adopt")], Changes(audit[3]));
    }

    [Fact]
    public async Task ARecordWrittenAgainAsStored_IsUnchanged_NoVersionNoAuditEntry()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-unchanged");
        var first = await method.WriteAsync(Write(Cycle("pdsa-1", "doing")), Leader);
        var score = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.0, "held")), Leader);

        var again = await method.WriteAsync(Write(Cycle("pdsa-1", "doing")), Leader);
        var scoreAgain = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.0, "held")), Leader);
        var moved = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.5, "held")), Leader);

        Assert.Equal(("unchanged", 2L), (again.Stored!.Action, again.Stored.Version));
        Assert.Equal(first.Stored!.Stored, again.Stored.Stored);
        Assert.Equal(("unchanged", 2L), (scoreAgain.Stored!.Action, scoreAgain.Stored.Version));
        Assert.Equal(score.Stored!.Stored, scoreAgain.Stored.Stored);
        Assert.Equal(("updated", 3L), (moved.Stored!.Action, moved.Stored.Version));
        Assert.Equal([(1L, "created"), (2L, "created"), (3L, "updated")], (await cluster.AuditAsync(scope, MethodCluster.Today)).Select(e => (e.Version, e.Action)));
    }

    [Fact]
    public async Task Annotation_IsGivenAnIdAndItsAuthor_AndAnUpdateAuditsTheTextChanged()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-annotation");

        var created = await method.WriteAsync(Write(Note()), Leader);
        var updated = await method.WriteAsync(Write(Note("note-1", text: "The estates contract was renewed with response times.")), Leader);

        var stored = (await method.GetAsync()).Annotations.Single();
        Assert.Equal(updated.Stored!.Stored.Annotation, stored);
        Assert.Equal(new ChartAnnotationRecord
        {
            Id = "note-1", GoalId = Ward, Period = "2026-11", Text = "The estates contract was renewed with response times.", Author = "Board chair", Recorded = Today,
        }, stored);
        Assert.Equal(1, created.Stored!.Version);
        Assert.Equal(2, updated.Stored.Version);
        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        Assert.Equal(["created", "updated"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(("annotation", "note-1"), (e.RecordKind, e.RecordId)));
        Assert.Equal(("author", "", "Board chair"), Changes(audit[0]).Single(c => c.Field == "author"));
        Assert.Equal([("text", "The estates contract was renewed.", "The estates contract was renewed with response times.")], Changes(audit[1]));
    }

    [Fact]
    public async Task Score_ForTheSameGoalAndMonth_ReplacesTheEarlier_KeyedGoalSlashMonth()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-score");

        var first = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.0)), Leader);
        var other = await method.WriteAsync(Write(Score(Ward, "2026-12", 3.0)), Leader);
        var replaced = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.5, "Contract issues fell.")), BradfordPartnerOf(Ward));

        Assert.Equal(["created", "created", "updated"], new[] { first, other, replaced }.Select(r => r.Stored!.Action));
        var scores = (await method.GetAsync()).Scores;
        Assert.Equal(2, scores.Count);
        var november = scores.Single(s => s.Month == "2026-11");
        Assert.Equal(replaced.Stored!.Stored.Score, november);
        Assert.Equal((3.5, "Contract issues fell.", "Sheffield data team", Today), (november.Score, november.Note, november.RecordedBy, november.Recorded));
        Assert.False(string.IsNullOrEmpty(november.Level));
        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        Assert.Equal(["ward-issues-resolved/2026-11", "ward-issues-resolved/2026-12", "ward-issues-resolved/2026-11"], audit.Select(e => e.RecordId));
        Assert.All(audit, e => Assert.Equal("progress_score", e.RecordKind));
        Assert.Equal([("score", "3.0", "3.5"), ("note", "", "Contract issues fell."), ("recorded_by", "Board chair", "Sheffield data team")], Changes(audit[2]));
        Assert.Equal("sheffield-teaching-ft", audit[2].Author.Partner);
    }

    [Fact]
    public async Task LearningEvent_IsGivenAnId_AndItsAuditNamesEveryGoalItCovered_ListsJoined()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-event");

        var created = await method.WriteAsync(Write(Event("", Ward, Dignity)), Leader);
        var updated = await method.WriteAsync(Write(With(Event("event-1", Ward, Dignity), e => e.Lessons.Add("Invite ward sisters."))), Leader);

        Assert.Equal("event-1", created.Stored!.Stored.LearningEvent.Id);
        Assert.Equal(updated.Stored!.Stored.LearningEvent, (await method.GetAsync()).LearningEvents.Single());
        var audit = await cluster.AuditAsync(scope, MethodCluster.Today);
        Assert.Equal([("learning_event", "event-1", "created"), ("learning_event", "event-1", "updated")], audit.Select(e => (e.RecordKind, e.RecordId, e.Action)));
        Assert.All(audit, e => Assert.Equal([Ward, Dignity], e.GoalIds));
        Assert.Contains(("goal_ids", "", "ward-issues-resolved; dignity-always"), Changes(audit[0]));
        Assert.Equal(
            [("lessons", "Bring the procurement lead.; Share patients' words the same day.", "Bring the procurement lead.; Share patients' words the same day.; Invite ward sisters.")],
            Changes(audit[1]));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "status word", "status", "'finished' is not one of planned, doing, studying, done" },
        { "day", "started", "'2026-13-01' is not a day; expected YYYY-MM-DD" },
        { "week on a monthly goal", "period", "2026-W10" },
        { "unknown goal", "goal_id", "'no-such-goal' is not a shared goal of programme 'method-refusal-unknown-goal'" },
        { "change idea of another goal", "change_idea_id", "change idea 'dig.curtain-clips' belongs to goal 'dignity-always', not 'ward-issues-resolved'" },
        { "done without act", "act", "a done cycle says what the team decided: adopt, adapt or abandon" },
        { "score off the scale", "score", "3.3 is not a half step from 1.0 to 5.0" },
        { "month not begun", "month", "2027-01 has not begun" },
        { "event of an unknown goal", "goal_ids[1]", "'no-such-goal' is not a shared goal" },
        { "cycle's goal changed", "goal_id", "cycle 'pdsa-1' is of goal 'ward-issues-resolved'; a cycle keeps its goal" },
        { "annotation's goal changed", "goal_id", "annotation 'note-1' is of goal 'ward-issues-resolved'; an annotation keeps its goal" },
        { "no record", "record", "missing required field 'record'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedWrite_NamesTheField_AndStoresAndAuditsNothing(string refusal, string field, string message)
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-refusal-" + refusal.Replace(' ', '-').Replace("'", string.Empty, StringComparison.Ordinal));
        // Something stored already, for the updates to refer to.
        Assert.True((await method.WriteAsync(Write(Planned()), Leader)).Accepted);
        Assert.True((await method.WriteAsync(Write(Note()), Leader)).Accepted);
        var before = await method.GetAsync();
        var audited = (await cluster.AuditAsync(scope, MethodCluster.Today)).Length;
        var write = refusal switch
        {
            "status word" => Write(With(Planned(), c => c.Status = "finished")),
            "day" => Write(With(Cycle("", "doing"), c => c.Started = "2026-13-01")),
            "week on a monthly goal" => Write(Note(period: "2026-W10")),
            "unknown goal" => Write(With(Planned(), c => c.GoalId = "no-such-goal")),
            "change idea of another goal" => Write(With(Planned(), c => c.ChangeIdeaId = "dig.curtain-clips")),
            "done without act" => Write(With(Cycle("pdsa-1", "done"), c => c.Act = string.Empty)),
            "score off the scale" => Write(Score(Ward, "2026-11", 3.3)),
            "month not begun" => Write(Score(Ward, "2027-01", 3.0)),
            "event of an unknown goal" => Write(Event("", Ward, "no-such-goal")),
            "cycle's goal changed" => Write(With(Planned("pdsa-1"), c => (c.GoalId, c.ChangeIdeaId) = (Dignity, "dig.curtain-clips"))),
            "annotation's goal changed" => Write(Note("note-1", goal: Dignity)),
            _ => new MethodWrite(),
        };

        var result = await method.WriteAsync(write, Leader);

        Assert.False(result.Accepted);
        Assert.Null(result.Denied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Path);
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await method.GetAsync());
        Assert.Equal(audited, (await cluster.AuditAsync(scope, MethodCluster.Today)).Length);
    }

    [Fact]
    public async Task APartner_WritesOnlyForGoalsItsOrganisationCoOwns_AndADeniedWriteStoresNothing()
    {
        var (scope, method) = await NewProgrammeAsync(cluster.Grains, "method-partner");
        Assert.True((await method.WriteAsync(Write(Note()), Leader)).Accepted); // note-1, of the ward goal
        Assert.True((await method.WriteAsync(Write(Event("", Ward)), Leader)).Accepted); // event-1, of the ward goal
        var before = await method.GetAsync();
        MethodWrite[] denied =
        [
            Write(Planned()),
            Write(Score(Ward, "2026-11", 3.0)),
            Write(Note()),
            Write(Event("", Dignity, Ward)),
            // Records of a goal Bradford does not co-own, rewritten as of one it does.
            Write(Note("note-1", goal: Dignity)),
            Write(Event("event-1", Dignity)),
        ];

        foreach (var write in denied)
        {
            var result = await method.WriteAsync(write, BradfordPartner);

            Assert.False(result.Accepted);
            Assert.Empty(result.Errors);
            Assert.StartsWith($"partner '{Bradford}' does not co-own goal '{Ward}'", result.Denied);
        }

        Assert.Equal(before, await method.GetAsync());
        Assert.Equal(2, (await cluster.AuditAsync(scope, MethodCluster.Today)).Length);

        // Its own goal it writes for; an event of no goal is one it cannot show it co-owns.
        var cycle = await method.WriteAsync(Write(With(Planned(), c => (c.GoalId, c.ChangeIdeaId, c.Owner) = (Dignity, "dig.value-based-interviews", Bradford))), BradfordPartner);
        var score = await method.WriteAsync(Write(Score(Dignity, "2026-11", 4.5)), BradfordPartner);
        var noGoal = await method.WriteAsync(Write(Event("")), BradfordPartner);
        Assert.True(cycle.Accepted);
        Assert.True(score.Accepted);
        Assert.Equal("goal_ids", Assert.Single(noGoal.Errors).Path);
        Assert.Equal(BradfordPartner, (await cluster.AuditAsync(scope, MethodCluster.Today))[^1].Author);
    }

    [Theory]
    [InlineData("leader", true)]
    [InlineData("admin", true)]
    [InlineData("local user", true)]
    [InlineData("staff", false)]
    [InlineData("", false)]
    public async Task LeadersAndAdminsWriteForEveryGoal_AStaffSystemForNone(string role, bool allowed)
    {
        var (_, method) = await NewProgrammeAsync(cluster.Grains, "method-role-" + (role.Length == 0 ? "none" : role.Replace(' ', '-')));

        var result = await method.WriteAsync(Write(Score(Ward, "2026-11", 3.0)), As(role));

        Assert.Equal(allowed, result.Accepted);
        Assert.Equal(allowed ? 1 : 0, await method.GetVersionAsync());
        if (!allowed)
        {
            Assert.EndsWith($"does not record the improvement method: {Collaborative.Programme.Method.MethodWriters.Rule}", result.Denied);
        }
    }

    [Fact]
    public async Task AWatcher_IsToldTheNewVersionOfEachWrite()
    {
        var (_, method) = await NewProgrammeAsync(cluster.Grains, "method-watched");
        var watcher = new ProgressWatcher();
        var reference = cluster.Client.CreateObjectReference<IProgressWatcher>(watcher);
        await method.SubscribeAsync(reference);
        try
        {
            var written = await method.WriteAsync(Write(Score(Dignity, "2026-12", 2.0)), Leader);

            Assert.Equal(written.Stored!.Version, await watcher.MethodSignal.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await method.UnsubscribeAsync(reference);
            cluster.Client.DeleteObjectReference<IProgressWatcher>(reference);
        }
    }

    [Fact]
    public async Task AWriteForAProgrammeNotCreated_IsRefusedNamingTheProgramme()
    {
        var method = cluster.Grains.GetGrain<IProgrammeMethodGrain>("method-no-such-programme");

        var result = await method.WriteAsync(Write(Planned()), Leader);

        var error = Assert.Single(result.Errors);
        Assert.Equal("programme", error.Path);
        Assert.Equal("there is no programme 'method-no-such-programme' to record the improvement method of", error.Message);
        Assert.Equal(0, await method.GetVersionAsync());
    }

    [Fact]
    public async Task TheAudit_KeepsAnEntryAddedTwiceOnce()
    {
        var audit = cluster.Grains.GetGrain<IMethodAuditGrain>("method-audit-twice/audit/2026-12");
        var entry = new MethodAuditEntry { Version = 7, Author = Leader, RecordKind = "pdsa_cycle", RecordId = "pdsa-3", Action = "updated" };

        await audit.AppendAsync(entry);
        await audit.AppendAsync(entry.Clone());
        await audit.AppendAsync(With(entry, e => e.Version = 8));

        Assert.Equal([7L, 8], (await audit.ListAsync()).Select(e => e.Version));
    }

    private static MethodAuthor BradfordPartnerOf(string goal) =>
        goal == Ward ? new MethodAuthor { Principal = "Sheffield data team", Role = "partner", Partner = "sheffield-teaching-ft" } : BradfordPartner;
}
