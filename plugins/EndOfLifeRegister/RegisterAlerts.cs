using Collaborative.Contracts.V1.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>What staff reading a record should act on, computed afresh on every read.</summary>
internal static class RegisterAlerts
{
    public const string PreferredPlaceNotRecorded = "PREFERRED_PLACE_NOT_RECORDED";
    public const string ReviewOverdue = "REVIEW_OVERDUE";
    public const string ReviewNotPlanned = "REVIEW_NOT_PLANNED";
    public const string ConsentWithdrawn = "CONSENT_WITHDRAWN";

    public static IEnumerable<RegisterAlert> For(RegisterRecord record, DateOnly today)
    {
        if (record.Consent?.Withdrawn == true)
        {
            yield return new RegisterAlert
            {
                Code = ConsentWithdrawn,
                Message = $"Consent to share was withdrawn on {record.Consent.WithdrawnOn}: use this record only within the registering care team.",
            };
        }

        if (record.Death is not null)
        {
            yield break; // Planning alerts mean nothing once the person has died.
        }

        if ((record.Preferences?.FirstChoice ?? PlaceOfDeath.Unspecified) == PlaceOfDeath.Unspecified)
        {
            yield return new RegisterAlert
            {
                Code = PreferredPlaceNotRecorded,
                Message = "Preferred place of death (1st choice) is blank: discuss it with the person and those close to them, and record it so services can plan around it.",
            };
        }

        if (string.IsNullOrEmpty(record.PlannedReviewDate))
        {
            yield return new RegisterAlert { Code = ReviewNotPlanned, Message = "No review is planned: set a review date within the next 3 months." };
        }
        else if (DateOnly.TryParse(record.PlannedReviewDate, System.Globalization.CultureInfo.InvariantCulture, out var review) && review < today)
        {
            yield return new RegisterAlert { Code = ReviewOverdue, Message = $"The review planned for {record.PlannedReviewDate} is overdue: review the plan and set the next date." };
        }
    }
}
