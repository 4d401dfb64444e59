using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using static Collaborative.Plugins.Modules.Tests.Processes.RegisterRequests;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>The register's rules, exercised through its own gRPC service on a running register process.</summary>
[Collection(PluginProcessCollection.Name)]
public sealed class EndOfLifeRegisterTests(RegisterFixture fixture) : IClassFixture<RegisterFixture>
{
    private const string Gp = "gp-c1234567";
    private PluginProcess Plugin => fixture.Plugin;

    [Fact]
    public async Task Describe_NamesTheModuleItsMeasuresAndItsService()
    {
        var description = await Plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), Plugin.Options());
        Assert.Equal("end-of-life-register", description.Id);
        Assert.Equal(["eol.register-size", "eol.preferred-place-recorded", "eol.died-in-preferred-place", "eol.died-in-hospital"],
            description.Measures.Select(m => m.MeasureId));
        Assert.Contains("collaborative.v1.modules.EndOfLifeRegister", description.Services);
    }

    [Fact]
    public async Task Register_WithoutStaffId_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(), Plugin.Options(staff: null)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-staff-id", error.Status.Detail);
    }

    [Fact]
    public async Task Read_WithoutStaffId_IsUnauthenticated() =>
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() =>
            Plugin.Channel.UnaryAsync(Calls.Register.GetRecord, new GetRecordRequest { NhsNumber = "943 476 5919" }, Plugin.Options())));

    [Theory]
    [InlineData("943 476 5918")] // wrong check digit
    [InlineData("123 456 7890")] // check digit would be 10
    [InlineData("943 476 591")]  // nine digits
    public async Task Register_InvalidNhsNumber_IsInvalidArgumentNamingTheField(string nhsNumber)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(nhsNumber), Plugin.Options(Gp)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("person.nhs_number:", error.Status.Detail);
    }

    [Fact]
    public async Task Register_TheDomainsValidNhsNumbers_AreAccepted()
    {
        foreach (var nhsNumber in new[] { "943 476 5919", "6541003238" })
        {
            var record = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(nhsNumber), Plugin.Options(Gp));
            Assert.StartsWith("EOL-", record.RecordId);
            Assert.Equal(nhsNumber.Replace(" ", "").Insert(3, " ").Insert(7, " "), record.Person.NhsNumber);
            Assert.Equal(Today, record.RegisteredOn);
            Assert.NotNull(record.CreatedAt);
        }

        var again = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person("9434765919"), Plugin.Options(Gp)));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Fact]
    public async Task Register_MissingMandatoryFields_ListsThemAll()
    {
        var request = Person();
        request.Person.Address = "";
        request.Person.ClearCarerSupportAvailable();
        request.Care.PrimaryDiagnosis = "";
        request.Consent = null;
        var error = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, request, Plugin.Options(Gp)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        foreach (var field in new[] { "person.address", "person.carer_support_available", "care.primary_diagnosis", "consent.basis" })
        {
            Assert.Contains(field, error.Status.Detail);
        }
    }

    [Fact]
    public async Task ReviewDate_MoreThan3MonthsAhead_IsRefused_AndUpTo3MonthsIsAccepted()
    {
        var today = UkClock.System.Today;
        var tooFar = Person();
        tooFar.PlannedReviewDate = today.AddMonths(3).AddDays(1).ToString("yyyy-MM-dd");
        var error = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, tooFar, Plugin.Options(Gp)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("planned_review_date:", error.Status.Detail);
        Assert.Contains("3 months", error.Status.Detail);

        var record = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(), Plugin.Options(Gp));
        var later = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.SetReviewDate,
            new SetReviewDateRequest { RecordId = record.RecordId, PlannedReviewDate = today.AddMonths(4).ToString("yyyy-MM-dd") }, Plugin.Options(Gp)));
        Assert.Equal(StatusCode.InvalidArgument, later.StatusCode);

        var latest = today.AddMonths(3).ToString("yyyy-MM-dd");
        var updated = await Plugin.Channel.UnaryAsync(Calls.Register.SetReviewDate, new SetReviewDateRequest { RecordId = record.RecordId, PlannedReviewDate = latest }, Plugin.Options(Gp));
        Assert.Equal(latest, updated.PlannedReviewDate);
    }

    [Fact]
    public async Task FirstPreferredPlaceBlank_RaisesAnAlert_UntilItIsRecorded()
    {
        var record = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(first: PlaceOfDeath.Unspecified), Plugin.Options(Gp));
        var alert = Assert.Single(record.Alerts, a => a.Code == "PREFERRED_PLACE_NOT_RECORDED");
        Assert.Contains("1st choice", alert.Message);

        var read = await Plugin.Channel.UnaryAsync(Calls.Register.GetRecord, new GetRecordRequest { RecordId = record.RecordId }, Plugin.Options("nurse-77"));
        Assert.Contains(read.Alerts, a => a.Code == "PREFERRED_PLACE_NOT_RECORDED");

        var recorded = await Plugin.Channel.UnaryAsync(Calls.Register.RecordPreferences,
            new RecordPreferencesRequest { RecordId = record.RecordId, Preferences = new PlacePreferences { FirstChoice = PlaceOfDeath.Hospice, SecondChoice = PlaceOfDeath.Home } },
            Plugin.Options(Gp));
        Assert.DoesNotContain(recorded.Alerts, a => a.Code == "PREFERRED_PLACE_NOT_RECORDED");

        var withFirstChoice = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(first: PlaceOfDeath.Home), Plugin.Options(Gp));
        Assert.DoesNotContain(withFirstChoice.Alerts, a => a.Code == "PREFERRED_PLACE_NOT_RECORDED");
    }

    [Fact]
    public async Task EveryReadAndChange_IsAuditedWithWhoWhenAndWhat()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var nhsNumber = NewNhsNumber();
        var record = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(nhsNumber), Plugin.Options(Gp));
        await Plugin.Channel.UnaryAsync(Calls.Register.GetRecord, new GetRecordRequest { NhsNumber = nhsNumber }, Plugin.Options("nurse-acute-17"));
        await Plugin.Channel.UnaryAsync(Calls.Register.RecordCprDecision,
            new RecordCprDecisionRequest { RecordId = record.RecordId, Cpr = new CprDecision { DecisionMade = true, Decision = CprOutcome.DoNotAttemptCpr, DecisionDate = Today, WhereDocumented = "ReSPECT form at home" } },
            Plugin.Options("gp-other-2"));
        await Plugin.Channel.UnaryAsync(Calls.Register.RecordConsent,
            new RecordConsentRequest { RecordId = record.RecordId, Consent = new Consent { Basis = ConsentBasis.Explicit, Withdrawn = true, WithdrawnOn = Today } },
            Plugin.Options(Gp));

        var trail = await Plugin.Channel.UnaryAsync(Calls.Register.ListAuditEntries, new ListAuditEntriesRequest { RecordId = record.RecordId }, Plugin.Options("ig-auditor"));
        Assert.Equal(
            [("record.registered", Gp), ("record.read", "nurse-acute-17"), ("cpr.recorded", "gp-other-2"), ("consent.withdrawn", Gp), ("audit.read", "ig-auditor")],
            trail.Entries.Select(e => (e.Action, e.StaffId)));
        Assert.All(trail.Entries, e =>
        {
            Assert.InRange(e.At.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5));
            Assert.Equal(record.RecordId, e.RecordId);
            Assert.NotEmpty(e.Detail);
        });
        Assert.Contains("DO_NOT_ATTEMPT", trail.Entries[2].Detail);
        Assert.Contains(nhsNumber, trail.Entries[1].Detail); // the read says how the record was found

        // The view of the trail is itself on the trail next time.
        var again = await Plugin.Channel.UnaryAsync(Calls.Register.ListAuditEntries, new ListAuditEntriesRequest { RecordId = record.RecordId }, Plugin.Options("ig-auditor"));
        Assert.Equal(6, again.Entries.Count);
    }

    [Fact]
    public async Task Death_IsRecordedOnce_AndPlansThenStopChanging()
    {
        var record = await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(), Plugin.Options(Gp));
        var future = await Assert.ThrowsAsync<RpcException>(() => Plugin.Channel.UnaryAsync(Calls.Register.RecordDeath,
            new RecordDeathRequest { RecordId = record.RecordId, Death = new Death { DateOfDeath = DaysFromToday(1), Place = PlaceOfDeath.Home } }, Plugin.Options(Gp)));
        Assert.StartsWith("death.date_of_death:", future.Status.Detail);

        var died = await Plugin.Channel.UnaryAsync(Calls.Register.RecordDeath,
            new RecordDeathRequest { RecordId = record.RecordId, Death = new Death { DateOfDeath = record.RegisteredOn, Place = PlaceOfDeath.Home } }, Plugin.Options(Gp));
        Assert.Equal(PlaceOfDeath.Home, died.Death.Place);
        Assert.Empty(died.Alerts);

        Assert.Equal(StatusCode.FailedPrecondition, await Calls.StatusOf(() => Plugin.Channel.UnaryAsync(Calls.Register.RecordDeath,
            new RecordDeathRequest { RecordId = record.RecordId, Death = new Death { DateOfDeath = record.RegisteredOn, Place = PlaceOfDeath.Hospital } }, Plugin.Options(Gp))));
        Assert.Equal(StatusCode.FailedPrecondition, await Calls.StatusOf(() => Plugin.Channel.UnaryAsync(Calls.Register.RecordPreferences,
            new RecordPreferencesRequest { RecordId = record.RecordId, Preferences = new PlacePreferences { FirstChoice = PlaceOfDeath.Hospice } }, Plugin.Options(Gp))));
    }

    [Fact]
    public async Task UnknownRecord_IsNotFound()
    {
        Assert.Equal(StatusCode.NotFound, await Calls.StatusOf(() =>
            Plugin.Channel.UnaryAsync(Calls.Register.GetRecord, new GetRecordRequest { RecordId = "EOL-999999" }, Plugin.Options(Gp))));
        Assert.Equal(StatusCode.NotFound, await Calls.StatusOf(() =>
            Plugin.Channel.UnaryAsync(Calls.Register.GetRecord, new GetRecordRequest { NhsNumber = NewNhsNumber() }, Plugin.Options(Gp))));
    }

    [Fact]
    public async Task Observations_CarryAggregatesOnly()
    {
        var nhsNumber = NewNhsNumber();
        await Plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(nhsNumber), Plugin.Options(Gp));
        var (observations, _, _) = await Calls.CollectAsync(Plugin);
        Assert.NotEmpty(observations);
        Assert.All(observations, o =>
        {
            Assert.StartsWith("eol.", o.MeasureId);
            Assert.Equal("end-of-life-register", o.Source);
            Assert.StartsWith($"{o.MeasureId}:{o.Period}:", o.Id);
            Assert.Matches("^[0-9]{4}-[0-9]{2}$", o.Period);
        });
        var everything = string.Join("\n", observations.Select(o => o.ToString()));
        Assert.DoesNotContain("Hartley", everything);
        Assert.DoesNotContain(nhsNumber.Replace(" ", ""), everything);
    }
}
