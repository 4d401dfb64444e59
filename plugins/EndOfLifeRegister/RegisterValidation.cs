using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// Checks staff input against SCCI1580 and returns it normalised (trimmed text, NHS number 3-3-4).
/// Every refusal is INVALID_ARGUMENT naming the field, e.g. "person.nhs_number: ... fails the Modulus 11 check".
/// </summary>
internal static class RegisterValidation
{
    public static RegisterRecord ForRegistration(RegisterPersonRequest request, DateOnly today)
    {
        var missing = MissingMandatoryFields(request).ToList();
        if (missing.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"Mandatory fields missing (SCCI1580): {string.Join(", ", missing)}. Fill them in and register again."));
        }

        var consent = Consent(request.Consent, today, registeredOn: today, "consent");
        if (consent.Withdrawn)
        {
            throw RequestField.Invalid("consent.withdrawn", "a person joins the register with consent to share; record a withdrawal later if they withdraw it");
        }

        return new RegisterRecord
        {
            Person = Person(request.Person, today),
            Care = Care(request.Care, "care"),
            Consent = consent,
            Preferences = Preferences(request.Preferences ?? new PlacePreferences(), "preferences"),
            Cpr = request.Cpr is null ? new CprDecision() : Cpr(request.Cpr, today, "cpr"),
            PlannedReviewDate = ReviewDate(request.PlannedReviewDate, today, "planned_review_date", required: false),
            RegisteredOn = RequestField.Format(today),
        };
    }

    public static IEnumerable<string> MissingMandatoryFields(RegisterPersonRequest request)
    {
        var person = request.Person ?? new PersonDetails();
        if (string.IsNullOrWhiteSpace(person.Name)) yield return "person.name";
        if (string.IsNullOrWhiteSpace(person.DateOfBirth)) yield return "person.date_of_birth";
        if (string.IsNullOrWhiteSpace(person.Address)) yield return "person.address";
        if (string.IsNullOrWhiteSpace(person.NhsNumber)) yield return "person.nhs_number";
        if (person.NhsNumberStatus == NhsNumberStatus.Unspecified) yield return "person.nhs_number_status";
        if (!person.HasCarerSupportAvailable) yield return "person.carer_support_available";
        var care = request.Care ?? new CareDetails();
        if (string.IsNullOrWhiteSpace(care.GpName)) yield return "care.gp_name";
        if (string.IsNullOrWhiteSpace(care.GpPractice)) yield return "care.gp_practice";
        if (string.IsNullOrWhiteSpace(care.PrimaryDiagnosis)) yield return "care.primary_diagnosis";
        if ((request.Consent?.Basis ?? ConsentBasis.Unspecified) == ConsentBasis.Unspecified) yield return "consent.basis";
    }

    public static NhsNumber NhsNumber(string? value, string field) =>
        Modules.NhsNumber.TryParse(value, out var number, out var problem) ? number : throw RequestField.Invalid(field, problem);

    public static PersonDetails Person(PersonDetails person, DateOnly today)
    {
        var born = RequestField.RequiredDate(person.DateOfBirth, "person.date_of_birth");
        if (born > today)
        {
            throw RequestField.Invalid("person.date_of_birth", $"{RequestField.Format(born)} is in the future");
        }

        if (born < today.AddYears(-125))
        {
            throw RequestField.Invalid("person.date_of_birth", $"{RequestField.Format(born)} is more than 125 years ago; check the year");
        }

        return new PersonDetails
        {
            Name = RequestField.Required(person.Name, "person.name", 200),
            DateOfBirth = RequestField.Format(born),
            Address = RequestField.Required(person.Address, "person.address", 500),
            NhsNumber = NhsNumber(person.NhsNumber, "person.nhs_number").ToString(),
            NhsNumberStatus = RequestField.RequiredEnum(person.NhsNumberStatus, "person.nhs_number_status"),
            MainCarer = RequestField.Optional(person.MainCarer, "person.main_carer", 300),
            CarerSupportAvailable = person.HasCarerSupportAvailable
                ? person.CarerSupportAvailable
                : throw RequestField.Invalid("person.carer_support_available", "is required: say whether support for the carer is available (true or false)"),
            PreferredLanguage = RequestField.Optional(person.PreferredLanguage, "person.preferred_language", 100),
            InterpreterRequired = person.InterpreterRequired,
            CommissioningArea = RequestField.Optional(person.CommissioningArea, "person.commissioning_area", 100),
        };
    }

    public static CareDetails Care(CareDetails? care, string prefix)
    {
        care ??= new CareDetails();
        if (care.ProfessionalsInvolved.Count > 50)
        {
            throw RequestField.Invalid($"{prefix}.professionals_involved", $"lists {care.ProfessionalsInvolved.Count}; at most 50 are kept");
        }

        var normalised = new CareDetails
        {
            GpName = RequestField.Required(care.GpName, $"{prefix}.gp_name", 200),
            GpPractice = RequestField.Required(care.GpPractice, $"{prefix}.gp_practice", 200),
            KeyWorker = RequestField.Optional(care.KeyWorker, $"{prefix}.key_worker", 200),
            PrimaryDiagnosis = RequestField.Required(care.PrimaryDiagnosis, $"{prefix}.primary_diagnosis", 300),
            Prognosis = RequestField.KnownEnum(care.Prognosis, $"{prefix}.prognosis"),
            FunctionalStatus = RequestField.Optional(care.FunctionalStatus, $"{prefix}.functional_status", 200),
            AnticipatoryMedicines = new AnticipatoryMedicines
            {
                Issued = care.AnticipatoryMedicines?.Issued ?? false,
                WhereKept = RequestField.Optional(care.AnticipatoryMedicines?.WhereKept, $"{prefix}.anticipatory_medicines.where_kept", 200),
            },
            AdvanceDecision = new AdvanceDecision
            {
                Exists = care.AdvanceDecision?.Exists ?? false,
                WhereKept = RequestField.Optional(care.AdvanceDecision?.WhereKept, $"{prefix}.advance_decision.where_kept", 200),
            },
            WelfareAttorney = new WelfareAttorney
            {
                Exists = care.WelfareAttorney?.Exists ?? false,
                Attorney = RequestField.Optional(care.WelfareAttorney?.Attorney, $"{prefix}.welfare_attorney.attorney", 200),
            },
        };
        normalised.ProfessionalsInvolved.AddRange(care.ProfessionalsInvolved.Select((p, i) => RequestField.Required(p, $"{prefix}.professionals_involved[{i}]", 200)));
        return normalised;
    }

    public static Consent Consent(Consent? consent, DateOnly today, DateOnly registeredOn, string prefix)
    {
        consent ??= new Consent();
        var basis = RequestField.RequiredEnum(consent.Basis, $"{prefix}.basis");
        var recordedOn = RequestField.PastOrToday(consent.RecordedOn, $"{prefix}.recorded_on", today) ?? today;
        var withdrawnOn = RequestField.PastOrToday(consent.WithdrawnOn, $"{prefix}.withdrawn_on", today);
        if (consent.Withdrawn && withdrawnOn is null)
        {
            throw RequestField.Invalid($"{prefix}.withdrawn_on", "is required when consent is withdrawn: the day the person withdrew it");
        }

        if (!consent.Withdrawn && withdrawnOn is not null)
        {
            throw RequestField.Invalid($"{prefix}.withdrawn_on", "is set but withdrawn is false; set withdrawn to true to record a withdrawal");
        }

        if (withdrawnOn is { } w && w < registeredOn)
        {
            throw RequestField.Invalid($"{prefix}.withdrawn_on", $"{RequestField.Format(w)} is before the person joined the register ({RequestField.Format(registeredOn)})");
        }

        return new Consent
        {
            Basis = basis,
            RecordedOn = RequestField.Format(recordedOn),
            Withdrawn = consent.Withdrawn,
            WithdrawnOn = RequestField.Format(withdrawnOn),
            WithdrawalReason = RequestField.Optional(consent.WithdrawalReason, $"{prefix}.withdrawal_reason", 500),
        };
    }

    public static PlacePreferences Preferences(PlacePreferences preferences, string prefix)
    {
        var first = RequestField.KnownEnum(preferences.FirstChoice, $"{prefix}.first_choice");
        var second = RequestField.KnownEnum(preferences.SecondChoice, $"{prefix}.second_choice");
        if (first == PlaceOfDeath.Unspecified && second != PlaceOfDeath.Unspecified)
        {
            throw RequestField.Invalid($"{prefix}.second_choice", "is set but the 1st choice is blank; record the preferred place as the 1st choice");
        }

        if (second != PlaceOfDeath.Unspecified && second == first)
        {
            throw RequestField.Invalid($"{prefix}.second_choice", "is the same as the 1st choice; leave it blank when there is no other preference");
        }

        return new PlacePreferences { FirstChoice = first, SecondChoice = second, Notes = RequestField.Optional(preferences.Notes, $"{prefix}.notes", 1000) };
    }

    public static CprDecision Cpr(CprDecision cpr, DateOnly today, string prefix)
    {
        var decision = RequestField.KnownEnum(cpr.Decision, $"{prefix}.decision");
        var decided = RequestField.PastOrToday(cpr.DecisionDate, $"{prefix}.decision_date", today);
        if (cpr.DecisionMade)
        {
            if (decision == CprOutcome.Unspecified)
            {
                throw RequestField.Invalid($"{prefix}.decision", "is required when decision_made is true: CPR_OUTCOME_ATTEMPT_CPR or CPR_OUTCOME_DO_NOT_ATTEMPT_CPR");
            }

            if (decided is null)
            {
                throw RequestField.Invalid($"{prefix}.decision_date", "is required when decision_made is true");
            }
        }
        else if (decision != CprOutcome.Unspecified)
        {
            throw RequestField.Invalid($"{prefix}.decision_made", "is false but a decision is given; set decision_made to true");
        }

        return new CprDecision
        {
            DecisionMade = cpr.DecisionMade,
            Decision = decision,
            DecisionDate = RequestField.Format(decided),
            WhereDocumented = RequestField.Optional(cpr.WhereDocumented, $"{prefix}.where_documented", 300),
            ReviewDate = RequestField.Format(RequestField.Date(cpr.ReviewDate, $"{prefix}.review_date")),
        };
    }

    public static string ReviewDate(string? value, DateOnly today, string field, bool required)
    {
        var review = required ? RequestField.RequiredDate(value, field) : RequestField.Date(value, field);
        if (review is { } date && ReviewDateRule.Check(date, today) is { } problem)
        {
            throw RequestField.Invalid(field, problem);
        }

        return RequestField.Format(review);
    }

    public static Death Death(Death? death, DateOnly today, RegisterRecord record, string prefix)
    {
        death ??= new Death();
        var died = RequestField.PastOrToday(death.DateOfDeath, $"{prefix}.date_of_death", today)
            ?? throw RequestField.Invalid($"{prefix}.date_of_death", "is required (YYYY-MM-DD)");
        if (string.CompareOrdinal(RequestField.Format(died), record.RegisteredOn) < 0)
        {
            throw RequestField.Invalid($"{prefix}.date_of_death", $"{RequestField.Format(died)} is before the person joined the register ({record.RegisteredOn})");
        }

        return new Death
        {
            DateOfDeath = RequestField.Format(died),
            Place = RequestField.RequiredEnum(death.Place, $"{prefix}.place"),
        };
    }
}
