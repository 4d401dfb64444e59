using System.Net;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Grpc.Core;
using HostClient = Collaborative.Contracts.V1.Host.HostClient;

namespace Collaborative.Host.Tests;

/// <summary>
/// A deployment of many programmes over host.proto: the host started on an empty store (so it creates both sample
/// programmes), with an admin, a leader, a leader limited to the second programme and a partner; and the Python
/// grpcio partner client listing programmes and reading one's progress.
/// </summary>
public sealed class ProgrammesTests : IAsyncLifetime
{
    private const string AdminToken = "admin-token-programmes";
    private const string LeaderToken = "leader-token-programmes";
    private const string AcademyToken = "academy-lead-token";
    private const string PartnerToken = "sheffield-data-team-token";
    private const string Second = "sheffield-corporate-clinical";

    private static readonly string Default = DefaultProgramme.Load().Id;

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private HostProcess _host = null!;

    private HostClient Client => new(_host.Channel);

    public async Task InitializeAsync()
    {
        var plugins = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(plugins);
        var environment = HostProcess.Principals(
            ("Programme office", "admin", null, AdminToken),
            ("Board chair", "leader", null, LeaderToken),
            ("Corporate-clinical lead", "leader", null, AcademyToken),
            ("Sheffield data team", "partner", "sheffield-teaching-ft", PartnerToken));
        environment["COLLABORATIVE__ACCESS__PRINCIPALS__2__PROGRAMMES__0"] = Second;
        _host = await HostProcess.StartAsync(Path.Combine(_root, "data"), plugins, environment: environment);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static CallOptions As(string token) =>
        GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), new Metadata { { "authorization", "Bearer " + token } });

    [Fact]
    public async Task ListProgrammes_OnAFreshStore_IsBothSamples_TheDefaultFirst_AndTheyShareAPartner()
    {
        var list = await Client.ListProgrammesAsync(new ListProgrammesRequest(), As(LeaderToken));

        Assert.Equal(Default, list.DefaultProgrammeId);
        Assert.Equal([Default, Second], list.Programmes.Select(p => p.Id));
        Assert.True(list.Programmes[0].IsDefault);
        Assert.False(list.Programmes[1].IsDefault);
        Assert.Equal("Corporate and clinical teams together (sample programme)", list.Programmes[1].Name);
        Assert.Equal(2, list.Programmes[1].GoalCount);
        Assert.Contains("sheffield-teaching-ft", list.Programmes[0].Partners);
        Assert.Contains("sheffield-teaching-ft", list.Programmes[1].Partners);
    }

    [Fact]
    public async Task CallsNamingNoProgramme_MeanTheDefault_AndNamingOne_ReadThatOne()
    {
        var unnamed = await Client.GetProgrammeAsync(new GetProgrammeRequest(), As(LeaderToken));
        var second = await Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = Second }, As(LeaderToken));
        var goals = await Client.ListGoalProgressAsync(new ListGoalProgressRequest { ProgrammeId = Second }, As(LeaderToken));
        var dignity = await Client.GetGoalProgressAsync(new GetGoalProgressRequest { ProgrammeId = Second, GoalId = "dignity-always" }, As(LeaderToken));
        var alignment = await Client.CheckAlignmentAsync(new CheckAlignmentRequest { ProgrammeId = Second }, As(LeaderToken));
        var observations = await Client.ListObservationsAsync(new ListObservationsRequest { ProgrammeId = Second, MeasureId = "dignity.always-treated-with-dignity" }, As(LeaderToken));

        Assert.Equal(Default, unnamed.Id);
        Assert.Equal(Second, second.Id);
        Assert.Equal(["ward-issues-resolved", "dignity-always"], goals.Goals.Select(g => g.GoalId));
        Assert.True(dignity.Points.Count >= 13);
        Assert.NotEqual(VariationIcon.VariationNone, dignity.Variation);
        Assert.Equal(dignity.Points.Count, observations.Observations.Count);
        Assert.DoesNotContain(alignment.Findings, f => f.SubjectId == "fewer-hospital-deaths" || f.SubjectKind == "module");
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetGoalProgressAsync(new GetGoalProgressRequest { GoalId = "dignity-always" }, As(LeaderToken)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains($"Programme '{Default}' has no shared goal 'dignity-always'", missing.Status.Detail);
    }

    [Fact]
    public async Task AnUnknownProgramme_IsNotFound_NamingProgrammeId()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.ListGoalProgressAsync(new ListGoalProgressRequest { ProgrammeId = "no-such-programme" }, As(LeaderToken)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Contains("programme_id 'no-such-programme' is not a programme of this deployment", refused.Status.Detail);
        Assert.Contains($"'{Second}'", refused.Status.Detail);
    }

    [Fact]
    public async Task APrincipalLimitedToOneProgramme_ListsOnlyIt_AndIsDeniedTheOthers_NamingThem()
    {
        var list = await Client.ListProgrammesAsync(new ListProgrammesRequest(), As(AcademyToken));
        var own = await Client.ListGoalProgressAsync(new ListGoalProgressRequest { ProgrammeId = Second }, As(AcademyToken));
        var named = await Assert.ThrowsAsync<RpcException>(() => Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = Default }, As(AcademyToken)).ResponseAsync);
        var unnamed = await Assert.ThrowsAsync<RpcException>(() => Client.ListGoalProgressAsync(new ListGoalProgressRequest(), As(AcademyToken)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = "no-such-programme" }, As(AcademyToken)).ResponseAsync);

        Assert.Equal([Second], list.Programmes.Select(p => p.Id));
        Assert.Equal("", list.DefaultProgrammeId);
        Assert.Equal(2, own.Goals.Count);
        Assert.Equal(StatusCode.PermissionDenied, named.StatusCode);
        Assert.Equal($"Leader 'Corporate-clinical lead' may not read programme '{Default}': this principal is limited to programme '{Second}'.", named.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, unnamed.StatusCode);
        Assert.Contains($"programme '{Default}' (the default programme)", unnamed.Status.Detail);
        // Denied before looking: a limited principal learns nothing of which other programmes exist.
        Assert.Equal(StatusCode.PermissionDenied, unknown.StatusCode);
    }

    [Fact]
    public async Task CreateProgramme_ByAnAdmin_AddsOne_AndRefusalsNameTheField()
    {
        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace($"id: {Second}", "id: created-by-api", StringComparison.Ordinal);

        var created = await Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml, FileName = "api.yaml" }, As(AdminToken));
        var again = await Assert.ThrowsAsync<RpcException>(() => Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml, FileName = "api.yaml" }, As(AdminToken)).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = "id: broken\nname: [unclosed", FileName = "broken.yaml" }, As(AdminToken)).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => Client.CreateProgrammeAsync(new CreateProgrammeRequest(), As(AdminToken)).ResponseAsync);
        var byLeader = await Assert.ThrowsAsync<RpcException>(() => Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml }, As(LeaderToken)).ResponseAsync);

        Assert.Equal("created-by-api", created.ProgrammeId);
        Assert.Equal(1, created.Version);
        Assert.Equal("created-by-api", (await Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = "created-by-api" }, As(LeaderToken))).Id);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains("api.yaml: id: 'created-by-api' is taken", again.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Matches(@"broken\.yaml:\d+:\d+: ", bad.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("yaml is required", empty.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, byLeader.StatusCode);
    }

    [Fact]
    public async Task CheckAlignment_ReadsEachProgrammesMethodRecords_TheSamplesSeededAtWork_ACreatedProgrammeWithNoneYet()
    {
        string[] methodRules = ["change-idea.no-recent-pdsa", "goal.no-progress-score", "programme.no-learning-event"];
        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace($"id: {Second}", "id: no-method-yet", StringComparison.Ordinal);
        await Client.CreateProgrammeAsync(new CreateProgrammeRequest { Yaml = yaml, FileName = "no-method-yet.yaml" }, As(AdminToken));

        var first = await Client.CheckAlignmentAsync(new CheckAlignmentRequest(), As(LeaderToken));
        var second = await Client.CheckAlignmentAsync(new CheckAlignmentRequest { ProgrammeId = Second }, As(LeaderToken));
        var created = await Client.CheckAlignmentAsync(new CheckAlignmentRequest { ProgrammeId = "no-method-yet" }, As(LeaderToken));

        // The samples' records were seeded on the host's first start, for its day: cycles, scores and a learning event.
        Assert.DoesNotContain(first.Findings, f => methodRules.Contains(f.RuleId));
        Assert.DoesNotContain(second.Findings, f => methodRules.Contains(f.RuleId));
        // The same diagrams with no records: every change idea untested, every team unscored, no event held.
        var ideas = YamlProgrammeLoader.Load(yaml, "no-method-yet.yaml").Goals.SelectMany(g => g.DriverDiagram!.ChangeIdeas).Select(i => i.Id);
        Assert.Equal(ideas.Order(), created.Findings.Where(f => f.RuleId == methodRules[0]).Select(f => f.SubjectId).Order());
        Assert.Equal(["ward-issues-resolved", "dignity-always"], created.Findings.Where(f => f.RuleId == methodRules[1]).Select(f => f.SubjectId));
        Assert.Equal("no-method-yet", Assert.Single(created.Findings, f => f.RuleId == methodRules[2]).SubjectId);
    }

    [Fact]
    public async Task UpdateProgramme_NamingAProgramme_ReplacesThatOne_AndRefusalsNameTheField()
    {
        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace("(sample programme)", "(replaced)", StringComparison.Ordinal);

        var updated = await Client.UpdateProgrammeAsync(new UpdateProgrammeRequest { ProgrammeId = Second, Yaml = yaml, FileName = "second.yaml" }, As(AdminToken));
        var otherId = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateProgrammeAsync(new UpdateProgrammeRequest { ProgrammeId = Second, Yaml = DefaultProgramme.Yaml(), FileName = "wrong.yaml" }, As(AdminToken)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateProgrammeAsync(new UpdateProgrammeRequest { ProgrammeId = "no-such-programme", Yaml = yaml }, As(AdminToken)).ResponseAsync);

        Assert.Equal(2, updated.Version);
        Assert.Equal("Corporate and clinical teams together (replaced)", (await Client.GetProgrammeAsync(new GetProgrammeRequest { ProgrammeId = Second }, As(LeaderToken))).Name);
        Assert.NotEqual("Corporate and clinical teams together (replaced)", (await Client.GetProgrammeAsync(new GetProgrammeRequest(), As(LeaderToken))).Name);
        Assert.Equal(StatusCode.InvalidArgument, otherId.StatusCode);
        Assert.Contains($"wrong.yaml: id: '{Default}' is not this programme's id '{Second}'", otherId.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("programme_id 'no-such-programme'", unknown.Status.Detail);
    }

    [Fact]
    public async Task ReportObservations_WithTheProgrammeMetadata_RecordsInThatProgramme_Only()
    {
        var headers = new Metadata { { "authorization", "Bearer " + PartnerToken }, { "collab-programme", Second } };
        using (var call = Client.ReportObservations(GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), headers)))
        {
            await call.RequestStream.WriteAsync(new Observation { Id = "dignity-2031-01", MeasureId = "dignity.always-treated-with-dignity", Period = "2031-01", Value = 93 });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal("dignity-2031-01", call.ResponseStream.Current.ObservationId);
        }

        var progress = await Client.GetGoalProgressAsync(new GetGoalProgressRequest { ProgrammeId = Second, GoalId = "dignity-always" }, As(PartnerToken));
        Assert.Equal("2031-01", progress.LatestPeriod);
        Assert.Equal(93, progress.LatestValue);

        // Without the metadata the same measure is not the default programme's: refused naming it.
        using var unnamed = Client.ReportObservations(As(PartnerToken));
        await unnamed.RequestStream.WriteAsync(new Observation { Id = "dignity-2031-02", MeasureId = "dignity.always-treated-with-dignity", Period = "2031-02", Value = 94 });
        await unnamed.RequestStream.CompleteAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => unnamed.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("dignity.always-treated-with-dignity", refused.Status.Detail);
    }

    [Fact]
    public async Task WatchProgress_OfANamedProgrammesGoal_HearsAnObservationReportedToThatProgramme()
    {
        using var watch = Client.WatchProgress(new WatchProgressRequest { ProgrammeId = Second, GoalId = "dignity-always" }, As(LeaderToken));
        Assert.True(await watch.ResponseStream.MoveNext());
        var first = watch.ResponseStream.Current;

        var headers = new Metadata { { "authorization", "Bearer " + PartnerToken }, { "collab-programme", Second } };
        using (var report = Client.ReportObservations(GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(30), headers)))
        {
            await report.RequestStream.WriteAsync(new Observation { Id = "dignity-watched", MeasureId = "dignity.always-treated-with-dignity", Period = "2032-01", Value = 92 });
            await report.RequestStream.CompleteAsync();
            Assert.True(await report.ResponseStream.MoveNext());
        }

        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(first.ObservationSequence + 1, watch.ResponseStream.Current.ObservationSequence);
        Assert.Equal("2032-01", watch.ResponseStream.Current.LatestPeriod);
    }

    [Fact]
    public async Task RegisterModule_NamingAProgramme_ChecksItsMeasuresAgainstThatProgramme()
    {
        var module = new PluginDescription { Id = "dignity-survey", Name = "Dignity survey", Version = "1.0.0", Measures = { new MeasureContribution { MeasureId = "dignity.always-treated-with-dignity" } } };

        var registered = await Client.RegisterModuleAsync(new RegisterModuleRequest { ProgrammeId = Second, Module = module }, As(PartnerToken));
        var inDefault = await Assert.ThrowsAsync<RpcException>(() => Client.RegisterModuleAsync(new RegisterModuleRequest { Module = module }, As(PartnerToken)).ResponseAsync);

        Assert.False(registered.Updated);
        Assert.Equal(StatusCode.InvalidArgument, inDefault.StatusCode);
        Assert.Contains($"module.measures[0].measure_id 'dignity.always-treated-with-dignity' is not a measure of programme '{Default}'", inDefault.Status.Detail);
    }

    [Fact]
    public async Task GetPartner_ListsItsProgrammes_AndTheGoalsItCoOwnsInEach()
    {
        var partner = await Client.GetPartnerAsync(new GetPartnerRequest { PartnerId = "sheffield-teaching-ft" }, As(PartnerToken));
        var limited = await Client.GetPartnerAsync(new GetPartnerRequest { PartnerId = "sheffield-teaching-ft" }, As(AcademyToken));
        var another = await Assert.ThrowsAsync<RpcException>(() => Client.GetPartnerAsync(new GetPartnerRequest { PartnerId = "airedale-ft" }, As(PartnerToken)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.GetPartnerAsync(new GetPartnerRequest { PartnerId = "no-such-trust" }, As(LeaderToken)).ResponseAsync);

        Assert.Equal([Default, Second], partner.Programmes.Take(2).Select(p => p.ProgrammeId));
        Assert.Equal(["coaches-keep-coaching", "teams-keep-meeting"], partner.Programmes[0].CoOwnedGoals);
        Assert.Equal(["ward-issues-resolved", "dignity-always"], partner.Programmes[1].CoOwnedGoals);
        Assert.DoesNotContain(limited.Programmes, p => p.ProgrammeId == Default);
        Assert.Equal(StatusCode.PermissionDenied, another.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("partner_id:", unknown.Status.Detail);
    }

    [Fact]
    public async Task Dashboard_OfTheDefaultProgramme_IsRefusedToAPrincipalLimitedToAnother_AfterSignIn_AndItsPortfolioShowsOnlyItsOwn()
    {
        var limited = await SignedInPageAsync(AcademyToken, $"/programmes/{Default}");
        var leader = await SignedInPageAsync(LeaderToken, $"/programmes/{Default}");
        var limitedPortfolio = await SignedInPageAsync(AcademyToken, "/");

        Assert.Equal(HttpStatusCode.Forbidden, limited.Status);
        Assert.Contains($"may not read programme '{Default}': this principal is limited to programme '{Second}'.", WebUtility.HtmlDecode(limited.Body));
        Assert.Equal(HttpStatusCode.OK, leader.Status);
        Assert.Equal(HttpStatusCode.OK, limitedPortfolio.Status);
        Assert.Contains($"data-programme=\"{Second}\"", limitedPortfolio.Body);
        Assert.DoesNotContain($"data-programme=\"{Default}\"", limitedPortfolio.Body);
    }

    /// <summary>Signs in to the dashboard with <paramref name="token"/> (the session, with its programmes, is a grain) and reads <paramref name="path"/>.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SignedInPageAsync(string token, string path)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(_host.DashboardAddress) };
        using var signIn = await DashboardForms.SignInAsync(http, token, path);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var page = await http.GetAsync(path);
        return (page.StatusCode, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public void PythonGrpcioClient_ListsProgrammes_AndReadsOnesProgress()
    {
        var programmes = PythonHostClient.Run(_host.Target, "", "--token", LeaderToken, "programmes").Single();
        var goals = PythonHostClient.Run(_host.Target, "", "--token", LeaderToken, "--programme", Second, "goals").Single();
        var dignity = PythonHostClient.Run(_host.Target, "", "--token", LeaderToken, "--programme", Second, "progress", "dignity-always").Single();

        Assert.Equal(Default, programmes.GetProperty("default_programme_id").GetString());
        Assert.Equal([Default, Second], programmes.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Take(2));
        Assert.Equal(["ward-issues-resolved", "dignity-always"], goals.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("goal_id").GetString()));
        Assert.Equal("dignity-always", dignity.GetProperty("goal_id").GetString());
        Assert.Equal(90.5, dignity.GetProperty("target").GetDouble());
        Assert.True(dignity.GetProperty("points").GetArrayLength() >= 13);
        Assert.Equal(JsonValueKind.String, dignity.GetProperty("variation").ValueKind);
    }
}
