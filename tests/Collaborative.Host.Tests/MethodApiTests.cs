using System.Globalization;
using Collaborative.Contracts.V1;
using Grpc.Core;
using HostClient = Collaborative.Contracts.V1.Host.HostClient;

namespace Collaborative.Host.Tests;

/// <summary>
/// The improvement method over host.proto, on the real host started on an empty store (so the sample programmes and
/// their method records are there): each RPC, refusals with their status and the field, the co-owner rule for a
/// partner, a staff system refused, the audit for admins only; and the Python grpcio client recording a progress
/// score and reading it back. One host for the class: each test writes to records no other test reads.
/// </summary>
public sealed class MethodApiTests(SampleProgrammesHost fixture) : IClassFixture<SampleProgrammesHost>
{
    private const string AdminToken = SampleProgrammesHost.AdminToken;
    private const string LeaderToken = SampleProgrammesHost.LeaderToken;
    private const string PartnerToken = SampleProgrammesHost.PartnerToken;
    private const string StaffToken = SampleProgrammesHost.StaffToken;

    // age-uk-bradford co-owns wishes-recorded, and not fewer-hospital-deaths.
    private const string PartnersGoal = "wishes-recorded";
    private const string OtherGoal = "fewer-hospital-deaths";

    private static readonly string ThisMonth = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static readonly string LastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private HostClient Client => new(fixture.Host.Channel);

    private static CallOptions As(string token) =>
        GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), new Metadata { { "authorization", "Bearer " + token } });

    [Fact]
    public async Task RecordProgressScore_ByALeader_IsStored_ReadBack_InTeamProgress_AndAudited_AsTheCaller()
    {
        var stored = await Client.RecordProgressScoreAsync(new RecordProgressScoreRequest
        {
            Score = new ProgressScoreRecord { GoalId = "gold-line-reach", Month = ThisMonth, Score = 3.5, Note = "Night calls answered in a minute", RecordedBy = "someone else" },
        }, As(LeaderToken));
        var records = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest { GoalId = "gold-line-reach" }, As(LeaderToken));
        var team = await Client.GetTeamProgressAsync(new GetTeamProgressRequest { Month = ThisMonth }, As(LeaderToken));
        var audit = await Client.ListMethodAuditAsync(new ListMethodAuditRequest { Month = ThisMonth }, As(AdminToken));

        Assert.Equal("created", stored.Action);
        Assert.Equal("Board chair", stored.Stored.Score.RecordedBy);
        Assert.Equal("Improvement", stored.Stored.Score.Level);
        var score = Assert.Single(records.Scores, s => s.Month == ThisMonth);
        Assert.Equal(3.5, score.Score);
        Assert.All(records.Scores, s => Assert.Equal("gold-line-reach", s.GoalId));
        Assert.NotEmpty(records.Cycles);
        Assert.All(records.Cycles, c => Assert.Equal("gold-line-reach", c.GoalId));
        var standing = Assert.Single(team.Standings, s => s.GoalId == "gold-line-reach");
        Assert.Equal(3.5, standing.Current.Score);
        Assert.NotNull(standing.Previous); // the sample's scores of the months before
        Assert.Equal(standing.Current.Score > standing.Previous.Score ? "up" : standing.Current.Score < standing.Previous.Score ? "down" : "same", standing.Movement);
        Assert.Equal(ThisMonth, team.Month);
        Assert.Equal(9, team.Distribution.Count);
        Assert.Equal(team.Standings.Count(s => s.Current?.Score == 3.5), team.Distribution.Single(d => d.Score == 3.5).Teams);
        var entry = Assert.Single(audit.Entries, e => e.RecordId == $"gold-line-reach/{ThisMonth}");
        Assert.Equal("progress_score", entry.RecordKind);
        Assert.Equal(("Board chair", "leader", ""), (entry.Author.Principal, entry.Author.Role, entry.Author.Partner));
        Assert.Contains(entry.Changes, c => c.Field == "score" && c.After == "3.5");
        Assert.Equal(stored.Version, entry.Version);
    }

    [Fact]
    public async Task RecordPdsaCycle_Refused_IsInvalidArgument_NamingEachField_AndStoresNothing()
    {
        var before = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest(), As(LeaderToken));
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.RecordPdsaCycleAsync(new RecordPdsaCycleRequest
        {
            Cycle = new PdsaCycleRecord { GoalId = OtherGoal, ChangeIdeaId = "no-such-idea", Owner = "airedale-ft", Status = "finished", Plan = "Try it" },
        }, As(LeaderToken)).ResponseAsync);
        var noRecord = await Assert.ThrowsAsync<RpcException>(() => Client.RecordAnnotationAsync(new RecordAnnotationRequest(), As(LeaderToken)).ResponseAsync);
        var badMonth = await Assert.ThrowsAsync<RpcException>(() => Client.RecordProgressScoreAsync(new RecordProgressScoreRequest
        {
            Score = new ProgressScoreRecord { GoalId = OtherGoal, Month = "2026-13", Score = 2.7 },
        }, As(LeaderToken)).ResponseAsync);
        var after = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest(), As(LeaderToken));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("The PDSA cycle was refused: status: ", refused.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noRecord.StatusCode);
        Assert.Equal("annotation: is required.", noRecord.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, badMonth.StatusCode);
        Assert.Contains("month: ", badMonth.Status.Detail);
        Assert.Equal(before.Version, after.Version);

        var done = await Assert.ThrowsAsync<RpcException>(() => Client.RecordPdsaCycleAsync(new RecordPdsaCycleRequest
        {
            Cycle = new PdsaCycleRecord { GoalId = OtherGoal, ChangeIdeaId = "no-such-idea", Owner = "airedale-ft", Status = "done", Plan = "Try it" },
        }, As(LeaderToken)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, done.StatusCode);
        Assert.Contains("prediction: missing required field 'prediction'", done.Status.Detail);
        Assert.Contains("act: ", done.Status.Detail);
        Assert.Contains("no-such-idea", done.Status.Detail);
    }

    [Fact]
    public async Task APartner_WritesAndReadsTheGoalsItCoOwns_AndIsDeniedAnother()
    {
        var own = await Client.RecordAnnotationAsync(new RecordAnnotationRequest
        {
            Annotation = new ChartAnnotationRecord { GoalId = PartnersGoal, Period = LastMonth, Text = "Befrienders started inviting carers", Author = "forged" },
        }, As(PartnerToken));
        var other = await Assert.ThrowsAsync<RpcException>(() => Client.RecordAnnotationAsync(new RecordAnnotationRequest
        {
            Annotation = new ChartAnnotationRecord { GoalId = OtherGoal, Period = LastMonth, Text = "Not ours" },
        }, As(PartnerToken)).ResponseAsync);
        var all = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest(), As(PartnerToken));
        var otherRead = await Assert.ThrowsAsync<RpcException>(() => Client.GetMethodRecordsAsync(new GetMethodRecordsRequest { GoalId = OtherGoal }, As(PartnerToken)).ResponseAsync);
        var team = await Client.GetTeamProgressAsync(new GetTeamProgressRequest(), As(PartnerToken));
        var leaderView = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest(), As(LeaderToken));

        Assert.Equal("Age UK data team", own.Stored.Annotation.Author);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.StartsWith("Partner 'Age UK data team' (age-uk-bradford) may not record an annotation: partner 'age-uk-bradford' does not co-own goal 'fewer-hospital-deaths'", other.Status.Detail);
        Assert.Contains(all.Annotations, a => a.Id == own.Stored.Annotation.Id);
        Assert.All(all.Cycles, c => Assert.Equal(PartnersGoal, c.GoalId));
        Assert.All(all.Scores, s => Assert.Equal(PartnersGoal, s.GoalId));
        Assert.All(all.LearningEvents, e => Assert.Contains(PartnersGoal, e.GoalIds));
        Assert.Contains(leaderView.Cycles, c => c.GoalId == OtherGoal);
        Assert.Equal(StatusCode.PermissionDenied, otherRead.StatusCode);
        Assert.Equal([PartnersGoal], team.Standings.Select(s => s.GoalId));
    }

    [Fact]
    public async Task AStaffSystem_IsDeniedEveryWrite_ButReadsAsAPartner()
    {
        var score = await Assert.ThrowsAsync<RpcException>(() => Client.RecordProgressScoreAsync(new RecordProgressScoreRequest
        {
            Score = new ProgressScoreRecord { GoalId = OtherGoal, Month = ThisMonth, Score = 3 },
        }, As(StaffToken)).ResponseAsync);
        var diagram = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest
        {
            GoalId = OtherGoal, Diagram = new DriverDiagramView(),
        }, As(StaffToken)).ResponseAsync);
        var read = await Client.GetMethodRecordsAsync(new GetMethodRecordsRequest { GoalId = OtherGoal }, As(StaffToken));

        Assert.Equal(StatusCode.PermissionDenied, score.StatusCode);
        Assert.StartsWith("Staff 'Airedale GP system' (airedale-ft) may not record a progress score: leaders and admins record", score.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, diagram.StatusCode);
        Assert.NotEmpty(read.Cycles);
    }

    [Fact]
    public async Task RecordLearningEvent_ThenAnUpdate_KeepTheId_AndTheAuditSaysWhatChanged()
    {
        var created = await Client.RecordLearningEventAsync(new RecordLearningEventRequest
        {
            LearningEvent = new LearningEventRecord { Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Kind = "webinar", Title = "Register webinar", GoalIds = { "register-coverage" }, Lessons = { "Code it once" } },
        }, As(LeaderToken));
        var update = created.Stored.LearningEvent.Clone();
        update.Lessons.Add("Share the list monthly");
        var updated = await Client.RecordLearningEventAsync(new RecordLearningEventRequest { LearningEvent = update }, As(AdminToken));
        var audit = await Client.ListMethodAuditAsync(new ListMethodAuditRequest(), As(AdminToken));

        Assert.Matches("^event-[0-9]+$", created.Stored.LearningEvent.Id);
        Assert.Equal(("created", "updated"), (created.Action, updated.Action));
        Assert.Equal(created.Stored.LearningEvent.Id, updated.Stored.LearningEvent.Id);
        var entry = Assert.Single(audit.Entries, e => e.RecordId == created.Stored.LearningEvent.Id && e.Action == "updated");
        Assert.Equal(("Programme office", "admin"), (entry.Author.Principal, entry.Author.Role));
        var change = Assert.Single(entry.Changes);
        Assert.Equal(("lessons", "Code it once", "Code it once; Share the list monthly"), (change.Field, change.Before, change.After));
    }

    [Fact]
    public async Task UpdateDriverDiagram_MakesANewProgrammeVersion_ReviewedToday_Audited_AndRefusalsNameTheField()
    {
        var programme = await Client.GetProgrammeAsync(new GetProgrammeRequest(), As(LeaderToken));
        var diagram = programme.Goals.Single(g => g.Id == "admissions-avoided").DriverDiagram.Clone();
        var title = diagram.PrimaryDrivers[0].Title;
        diagram.PrimaryDrivers[0].Title = "Calls reach a clinician who can act";

        var updated = await Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { GoalId = "admissions-avoided", Diagram = diagram }, As(LeaderToken));
        var after = await Client.GetProgrammeAsync(new GetProgrammeRequest(), As(LeaderToken));
        var audit = await Client.ListMethodAuditAsync(new ListMethodAuditRequest { Month = ThisMonth }, As(AdminToken));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(updated.Version > programme.Version, $"{updated.Version} after {programme.Version}");
        Assert.Equal(updated.Version, after.Version);
        Assert.Equal(today, updated.Diagram.Reviewed);
        Assert.Equal("Calls reach a clinician who can act", after.Goals.Single(g => g.Id == "admissions-avoided").DriverDiagram.PrimaryDrivers[0].Title);
        Assert.Equal(today, after.Goals.Single(g => g.Id == "admissions-avoided").DriverDiagram.Reviewed);
        var entry = Assert.Single(audit.Entries, e => e.RecordKind == "driver_diagram" && e.RecordId == "admissions-avoided");
        Assert.Equal(updated.Version, entry.Version);
        Assert.Equal("Board chair", entry.Author.Principal);
        Assert.Contains(entry.Changes, c => c.Field == "primary_drivers[0].title" && c.Before == title && c.After == "Calls reach a clinician who can act");

        var bad = diagram.Clone();
        bad.PrimaryDrivers[0].Title = "";
        bad.PrimaryDrivers[0].SecondaryDrivers[0].ChangeIdeas[0].Owners.Add("no-such-partner");
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { GoalId = "admissions-avoided", Diagram = bad }, As(LeaderToken)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { GoalId = "no-such-goal", Diagram = diagram }, As(LeaderToken)).ResponseAsync);
        var partner = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { GoalId = OtherGoal, Diagram = diagram }, As(PartnerToken)).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDriverDiagramAsync(new UpdateDriverDiagramRequest { GoalId = "admissions-avoided" }, As(LeaderToken)).ResponseAsync);
        var kept = await Client.GetProgrammeAsync(new GetProgrammeRequest(), As(LeaderToken));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("diagram.primary_drivers[0].title: missing required field 'title'", refused.Status.Detail);
        Assert.Contains("diagram.primary_drivers[0].secondary_drivers[0].change_ideas[0].owners[", refused.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("goal_id: ", unknown.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, partner.StatusCode);
        Assert.Contains("does not co-own goal 'fewer-hospital-deaths'", partner.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Equal("diagram: is required.", missing.Status.Detail);
        Assert.Equal(updated.Version, kept.Version);
    }

    [Fact]
    public async Task ListMethodAudit_IsForAdmins_AMonthIsChecked_AndAnUnknownProgrammeIsNotFound()
    {
        var admin = await Client.ListMethodAuditAsync(new ListMethodAuditRequest(), As(AdminToken));
        var leader = await Assert.ThrowsAsync<RpcException>(() => Client.ListMethodAuditAsync(new ListMethodAuditRequest(), As(LeaderToken)).ResponseAsync);
        var partner = await Assert.ThrowsAsync<RpcException>(() => Client.ListMethodAuditAsync(new ListMethodAuditRequest(), As(PartnerToken)).ResponseAsync);
        var badMonth = await Assert.ThrowsAsync<RpcException>(() => Client.ListMethodAuditAsync(new ListMethodAuditRequest { Month = "November" }, As(AdminToken)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.GetMethodRecordsAsync(new GetMethodRecordsRequest { ProgrammeId = "no-such-programme" }, As(LeaderToken)).ResponseAsync);
        var unknownWrite = await Assert.ThrowsAsync<RpcException>(() => Client.RecordProgressScoreAsync(new RecordProgressScoreRequest
        {
            ProgrammeId = "no-such-programme", Score = new ProgressScoreRecord { GoalId = OtherGoal, Month = ThisMonth, Score = 3 },
        }, As(LeaderToken)).ResponseAsync);

        Assert.Equal(ThisMonth, admin.Month);
        Assert.Contains(admin.Entries, e => e.RecordKind == "sample" && e.Author.Principal == "sample data");
        Assert.Equal(StatusCode.PermissionDenied, leader.StatusCode);
        Assert.Equal("Leader 'Board chair' may not read the audit of the improvement method: only an admin reads who recorded what.", leader.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, partner.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badMonth.StatusCode);
        Assert.StartsWith("month: ", badMonth.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("programme_id 'no-such-programme'", unknown.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknownWrite.StatusCode);
    }

    [Fact]
    public void ThePythonGrpcioClient_RecordsAProgressScore_AndReadsItBack()
    {
        var recorded = PythonHostClient.Run(fixture.Host.Target, "", "--token", PartnerToken, "score", PartnersGoal, LastMonth, "4", "Most wishes now asked at the first review").Single();
        var read = PythonHostClient.Run(fixture.Host.Target, "", "--token", PartnerToken, "method", PartnersGoal).Single();
        var refused = PythonHostClient.Run(fixture.Host.Target, "", "--token", PartnerToken, "score", OtherGoal, LastMonth, "4").Single();

        Assert.False(recorded.TryGetProperty("error", out _), recorded.ToString());
        var stored = recorded.GetProperty("stored").GetProperty("score");
        Assert.Equal(("Age UK data team", "Significant improvement"), (stored.GetProperty("recorded_by").GetString(), stored.GetProperty("level").GetString()));
        var score = read.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("month").GetString() == LastMonth);
        Assert.Equal(4.0, score.GetProperty("score").GetDouble());
        Assert.Equal("Most wishes now asked at the first review", score.GetProperty("note").GetString());
        Assert.Equal("Age UK data team", score.GetProperty("recorded_by").GetString());
        Assert.Equal((int)StatusCode.PermissionDenied, refused.GetProperty("error").GetInt32());
    }
}
