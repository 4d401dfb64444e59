using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;

namespace Collaborative.Host.Tests;

/// <summary>
/// The office's improvement-method calls, as the API and the dashboard make them: a write stored or refused (by field,
/// or denied), the records read again only when a version moved, the month's audit, watchers of a goal signalled by a
/// method write, and alignment evaluated again from the records a write changed.
/// </summary>
public sealed class ProgrammeOfficeMethodTests(InProcessProgramme programme) : IClassFixture<InProcessProgramme>
{
    private static readonly MethodAuthor Leader = new() { Principal = "Board chair", Role = "leader" };

    private static readonly string[] MethodRules = ["change-idea.no-recent-pdsa", "goal.no-progress-score", "programme.no-learning-event"];

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private ProgrammeOffice Office => programme.Office;

    /// <summary>The corporate–clinical sample under another id: its driver diagrams, no method records.</summary>
    private async Task<ProgrammeSnapshot> CreateAsync(string id)
    {
        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace("id: sheffield-corporate-clinical", $"id: {id}", StringComparison.Ordinal);
        var creation = await Office.CreateProgrammeAsync(yaml, $"{id}.yaml");
        Assert.True(creation.Accepted, string.Join("; ", creation.Errors));
        return await Office.ProgrammeAsync(id);
    }

    private static MethodWrite Score(string goal, string month, double score) =>
        new() { Score = new ProgressScoreRecord { GoalId = goal, Month = month, Score = score } };

    private static string LastMonth => Period.Containing(Today, PeriodKind.Month).Previous().Label;

    [Fact]
    public async Task WriteMethod_StoresTheRecord_AndMethodReadsItAgainOnlyWhenAVersionMoved()
    {
        var snapshot = await CreateAsync("office-method-read");
        var empty = await Office.MethodAsync(snapshot);
        Assert.Same(empty, await Office.MethodAsync(snapshot));
        Assert.Equal(0, empty.Version);
        Assert.Empty(empty.Snapshot.Scores);

        var stored = await Office.WriteMethodAsync(snapshot.Scope, Score("dignity-always", LastMonth, 3.5), Leader);

        var written = await Office.MethodAsync(snapshot);
        Assert.Equal(1, stored.Version);
        Assert.Equal("created", stored.Action);
        Assert.Equal(1, written.Version);
        Assert.Equal(snapshot.Version, written.ProgrammeVersion);
        Assert.Equal(stored.Stored.Score, Assert.Single(written.Records.Scores));
        var score = Assert.Single(written.Snapshot.Scores);
        Assert.Equal(("dignity-always", LastMonth, 3.5, "Board chair", Today), (score.GoalId, score.Month.Label, score.Score, score.RecordedBy, score.Recorded));
        Assert.Same(written, await Office.MethodAsync(snapshot));

        // The same records read against a new definition are read again.
        await Office.UpdateProgrammeAsync("office-method-read",
            DefaultProgramme.CorporateClinicalYaml().Replace("id: sheffield-corporate-clinical", "id: office-method-read", StringComparison.Ordinal).Replace("(sample programme)", "(edited)", StringComparison.Ordinal),
            "edited.yaml");
        var edited = await Office.ProgrammeAsync("office-method-read");
        var reread = await Office.MethodAsync(edited);
        Assert.NotSame(written, reread);
        Assert.Equal((1L, edited.Version), (reread.Version, reread.ProgrammeVersion));
    }

    [Fact]
    public async Task WriteMethod_Refused_ThrowsEveryFieldWrong_AndDenied_SaysWhy_StoringNothing()
    {
        var snapshot = await CreateAsync("office-method-refused");
        var bradford = new MethodAuthor { Principal = "Bradford data team", Role = "partner", Partner = "bradford-teaching-ft" };

        var refused = await Assert.ThrowsAsync<MethodRecordException>(() => Office.WriteMethodAsync(snapshot.Scope, Score("dignity-always", "2026-W10", 3.3), Leader));
        var denied = await Assert.ThrowsAsync<MethodWriteDeniedException>(() => Office.WriteMethodAsync(snapshot.Scope, Score("ward-issues-resolved", LastMonth, 3.0), bradford));
        var unknownGoal = await Assert.ThrowsAsync<MethodRecordException>(() => Office.WriteMethodAsync(snapshot.Scope,
            new MethodWrite { LearningEvent = new LearningEventRecord { Date = Today.ToString("yyyy-MM-dd"), Title = "Review", GoalIds = { "dignity-always", "no-such-goal" } } }, Leader));

        Assert.Equal("month", Assert.Single(refused.Errors).Path);
        Assert.StartsWith("The progress score was refused: month: ", refused.Message);
        Assert.StartsWith("partner 'bradford-teaching-ft' does not co-own goal 'ward-issues-resolved'", denied.Message);
        Assert.Equal("goal_ids[1]", Assert.Single(unknownGoal.Errors).Path);
        Assert.StartsWith("The learning event was refused: goal_ids[1]: 'no-such-goal' is not a shared goal", unknownGoal.Message);
        Assert.Equal(0, (await Office.MethodAsync(snapshot)).Version);
        Assert.Empty(await Office.MethodAuditAsync(snapshot.Scope, Today.Year, Today.Month));
    }

    [Fact]
    public async Task MethodAudit_ListsTheMonthsWrites_OldestFirst_WithWhoAndWhatChanged()
    {
        var snapshot = await CreateAsync("office-method-audit");

        await Office.WriteMethodAsync(snapshot.Scope, Score("dignity-always", LastMonth, 3.0), Leader);
        await Office.WriteMethodAsync(snapshot.Scope, Score("dignity-always", LastMonth, 3.5), Leader);

        var audit = await Office.MethodAuditAsync(snapshot.Scope, Today.Year, Today.Month);
        Assert.Equal([(1L, "created"), (2L, "updated")], audit.Select(e => (e.Version, e.Action)));
        Assert.All(audit, e => Assert.Equal(("progress_score", $"dignity-always/{LastMonth}", "Board chair"), (e.RecordKind, e.RecordId, e.Author.Principal)));
        Assert.Equal(("score", "3.0", "3.5"), audit[1].Changes.Select(c => (c.Field, c.Before, c.After)).Single());
        var lastYear = Today.AddYears(-1);
        Assert.Empty(await Office.MethodAuditAsync(snapshot.Scope, lastYear.Year, lastYear.Month));
    }

    [Fact]
    public async Task AWatchOfAGoalsMeasure_IsSignalledByAMethodWriteOfItsProgramme()
    {
        var snapshot = await CreateAsync("office-method-watched");
        await using var watch = await Office.WatchAsync(snapshot.Scope, "dignity.always-treated-with-dignity");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var signalled = watch.WaitAsync(timeout.Token);
        Assert.False(signalled.IsCompleted);
        await Office.WriteMethodAsync(snapshot.Scope, new MethodWrite
        {
            Annotation = new ChartAnnotationRecord { GoalId = "dignity-always", Period = LastMonth, Text = "Whole-ward sessions began." },
        }, Leader);

        await signalled;
        // Disposing (as the end of a WatchProgress stream or a live page does) unsubscribes without throwing.
    }

    [Fact]
    public async Task Alignment_OfTheSeededSamples_FiresNoRecordRule_AndOfAProgrammeWithoutRecords_FiresEach_UntilTheyAreWritten()
    {
        foreach (var sample in (await Office.PortfolioAsync()).Programmes.Where(p => p.ProgrammeId is "yorkshire-eol-and-coaching" or "sheffield-corporate-clinical"))
        {
            var summary = await programme.Modules.EvaluateAlignmentAsync(await Office.ProgrammeAsync(sample), Today, CancellationToken.None);
            Assert.DoesNotContain(summary.Findings, f => MethodRules.Contains(f.RuleId));
        }

        var snapshot = await CreateAsync("office-method-alignment");
        var before = await programme.Modules.EvaluateAlignmentAsync(snapshot, Today, CancellationToken.None);
        var ideas = snapshot.Definition.Goals.SelectMany(g => g.DriverDiagram!.ChangeIdeas.Select(i => (Goal: g, Idea: i))).ToList();
        Assert.Equal(ideas.Count, before.Findings.Count(f => f.RuleId == MethodRules[0]));
        Assert.Equal(2, before.Findings.Count(f => f.RuleId == MethodRules[1]));
        Assert.Single(before.Findings, f => f.RuleId == MethodRules[2]);

        foreach (var (goal, idea) in ideas)
        {
            await Office.WriteMethodAsync(snapshot.Scope, new MethodWrite
            {
                Cycle = new PdsaCycleRecord
                {
                    GoalId = goal.Id, ChangeIdeaId = idea.Id, Owner = idea.Owners[0], Status = "planned",
                    Plan = "Try it on one ward.", Prediction = "Fewer issues come back.",
                },
            }, Leader);
        }

        foreach (var goal in snapshot.Definition.Goals)
        {
            await Office.WriteMethodAsync(snapshot.Scope, Score(goal.Id, LastMonth, 2.0), Leader);
        }

        var session = new LearningEventRecord { Date = Today.ToString("yyyy-MM-dd"), Title = "Learning session 1" };
        session.GoalIds.AddRange(snapshot.Definition.Goals.Select(g => g.Id));
        await Office.WriteMethodAsync(snapshot.Scope, new MethodWrite { LearningEvent = session }, Leader);

        var after = await programme.Modules.EvaluateAlignmentAsync(snapshot, Today, CancellationToken.None);
        Assert.DoesNotContain(after.Findings, f => MethodRules.Contains(f.RuleId));
    }
}
