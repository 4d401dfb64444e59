using Collaborative.Contracts.V1.Modules;
using EndOfLifeRegisterContract = Collaborative.Contracts.V1.Modules.EndOfLifeRegister;
using Grpc.Core;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// collaborative.v1.modules.EndOfLifeRegister, for staff systems. Each call names the member of staff
/// (x-staff-id), is validated against SCCI1580, and lands in <see cref="RegisterStore"/> with its audit entry.
/// </summary>
internal sealed class RegisterService(RegisterStore store, UkClock clock) : EndOfLifeRegisterContract.EndOfLifeRegisterBase
{
    public override Task<RegisterRecord> RegisterPerson(RegisterPersonRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var record = RegisterValidation.ForRegistration(request, clock.Today);
        return store.RegisterAsync(record, staff, context.CancellationToken);
    }

    public override Task<RegisterRecord> RecordConsent(RecordConsentRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var today = clock.Today;
        var action = request.Consent?.Withdrawn == true ? "consent.withdrawn" : "consent.recorded";
        return store.ChangeAsync(RecordId(request.RecordId), staff, action, record =>
        {
            record.Consent = RegisterValidation.Consent(request.Consent, today, DateOnly.Parse(record.RegisteredOn, System.Globalization.CultureInfo.InvariantCulture), "consent");
            return record.Consent.Withdrawn
                ? $"consent withdrawn on {record.Consent.WithdrawnOn}"
                : $"consent basis {RequestField.ProtoName(record.Consent.Basis)} recorded on {record.Consent.RecordedOn}";
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> RecordPreferences(RecordPreferencesRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var preferences = RegisterValidation.Preferences(request.Preferences ?? new PlacePreferences(), "preferences");
        var language = RequestField.Optional(request.PreferredLanguage, "preferred_language", 100);
        return store.ChangeAsync(RecordId(request.RecordId), staff, "preferences.recorded", record =>
        {
            RequireAlive(record, "preferences");
            record.Preferences = preferences;
            if (language.Length > 0)
            {
                record.Person.PreferredLanguage = language;
            }

            return RegisterStore.Describe(preferences) + (language.Length > 0 ? "; preferred language" : "");
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> RecordCprDecision(RecordCprDecisionRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var cpr = RegisterValidation.Cpr(request.Cpr ?? new CprDecision(), clock.Today, "cpr");
        return store.ChangeAsync(RecordId(request.RecordId), staff, "cpr.recorded", record =>
        {
            RequireAlive(record, "cpr");
            record.Cpr = cpr;
            return cpr.DecisionMade ? $"CPR decision {RequestField.ProtoName(cpr.Decision)} made {cpr.DecisionDate}" : "no CPR decision made yet";
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> SetReviewDate(SetReviewDateRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var review = RegisterValidation.ReviewDate(request.PlannedReviewDate, clock.Today, "planned_review_date", required: true);
        return store.ChangeAsync(RecordId(request.RecordId), staff, "review-date.set", record =>
        {
            RequireAlive(record, "planned_review_date");
            record.PlannedReviewDate = review;
            return $"review planned for {review}";
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> UpdateCareDetails(UpdateCareDetailsRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var care = RegisterValidation.Care(request.Care, "care");
        return store.ChangeAsync(RecordId(request.RecordId), staff, "care-details.updated", record =>
        {
            var changed = ChangedCareFields(record.Care, care);
            record.Care = care;
            return changed.Count == 0 ? "no change" : "changed " + string.Join(", ", changed);
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> RecordDeath(RecordDeathRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var today = clock.Today;
        return store.ChangeAsync(RecordId(request.RecordId), staff, "death.recorded", record =>
        {
            if (record.Death is not null)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"The death of {record.RecordId} is already recorded ({record.Death.DateOfDeath}); correct it through the register team."));
            }

            record.Death = RegisterValidation.Death(request.Death, today, record, "death");
            return $"died {record.Death.DateOfDeath} at {RequestField.ProtoName(record.Death.Place)}";
        }, context.CancellationToken);
    }

    public override Task<RegisterRecord> GetRecord(GetRecordRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        return request.KeyCase switch
        {
            GetRecordRequest.KeyOneofCase.RecordId => store.ReadAsync(RecordId(request.RecordId), null, staff, context.CancellationToken),
            GetRecordRequest.KeyOneofCase.NhsNumber => store.ReadAsync(null, RegisterValidation.NhsNumber(request.NhsNumber, "nhs_number"), staff, context.CancellationToken),
            _ => throw RequestField.Invalid("key", "give record_id or nhs_number"),
        };
    }

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var response = new ListAuditEntriesResponse();
        response.Entries.AddRange(await store.ReadAuditAsync(RecordId(request.RecordId), staff, context.CancellationToken));
        return response;
    }

    private static string RecordId(string value) => RequestField.Required(value, "record_id", 40);

    private static void RequireAlive(RegisterRecord record, string field)
    {
        if (record.Death is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"{field}: {record.RecordId} died on {record.Death.DateOfDeath}; plans for them can no longer change."));
        }
    }

    private static List<string> ChangedCareFields(CareDetails before, CareDetails after) =>
        CareDetails.Descriptor.Fields.InDeclarationOrder()
            .Where(f => !Equals(f.Accessor.GetValue(before), f.Accessor.GetValue(after)))
            .Select(f => f.Name)
            .ToList();
}
