using Collaborative.Contracts.V1.Modules;
using CoachingAcademyContract = Collaborative.Contracts.V1.Modules.CoachingAcademy;
using Grpc.Core;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>collaborative.v1.modules.CoachingAcademy: the academy team's own records.</summary>
internal sealed class AcademyService(AcademyStore store, UkClock clock) : CoachingAcademyContract.CoachingAcademyBase
{
    public const int CourseMonths = 5;

    public override Task<Cohort> CreateCohort(CreateCohortRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        var starts = RequestField.RequiredDate(request.StartsOn, "starts_on");
        var ends = RequestField.Date(request.EndsOn, "ends_on") ?? starts.AddMonths(CourseMonths).AddDays(-1);
        if (ends <= starts)
        {
            throw RequestField.Invalid("ends_on", $"{RequestField.Format(ends)} is not after starts_on {RequestField.Format(starts)}");
        }

        var cohort = new Cohort { Name = RequestField.Required(request.Name, "name", 100), StartsOn = RequestField.Format(starts), EndsOn = RequestField.Format(ends) };
        return store.CreateCohortAsync(cohort, context.CancellationToken);
    }

    public override Task<Microsystem> AddMicrosystem(AddMicrosystemRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        var microsystem = new Microsystem
        {
            Name = RequestField.Required(request.Name, "name", 200),
            Kind = RequestField.RequiredEnum(request.Kind, "kind"),
            Organisation = RequestField.Required(request.Organisation, "organisation", 200),
        };
        return store.AddMicrosystemAsync(microsystem, context.CancellationToken);
    }

    public override Task<Coach> EnrolCoach(EnrolCoachRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        return store.EnrolCoachAsync(
            RequestField.Required(request.Name, "name", 200),
            RequestField.Required(request.CohortId, "cohort_id", 40),
            RequestField.Required(request.HomeMicrosystemId, "home_microsystem_id", 40),
            context.CancellationToken);
    }

    public override Task<Coach> RecordTrainingCompleted(RecordTrainingCompletedRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        var completed = RequestField.PastOrToday(request.CompletedOn, "completed_on", clock.Today)
            ?? throw RequestField.Invalid("completed_on", "is required (YYYY-MM-DD)");
        return store.RecordTrainingCompletedAsync(RequestField.Required(request.CoachId, "coach_id", 40), completed, context.CancellationToken);
    }

    public override Task<Coach> SetCoachActive(SetCoachActiveRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        var asOf = RequestField.PastOrToday(request.AsOf, "as_of", clock.Today) ?? clock.Today;
        return store.SetActiveAsync(RequestField.Required(request.CoachId, "coach_id", 40), request.Active, asOf, context.CancellationToken);
    }

    public override Task<CoachingAssignment> AssignCoach(AssignCoachRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        var today = clock.Today;
        var starts = RequestField.Date(request.StartsOn, "starts_on") ?? today;
        if (starts > today.AddYears(1))
        {
            throw RequestField.Invalid("starts_on", $"{RequestField.Format(starts)} is more than a year ahead");
        }

        return store.AssignAsync(
            RequestField.Required(request.CoachId, "coach_id", 40),
            RequestField.Required(request.MicrosystemId, "microsystem_id", 40),
            starts,
            staff,
            context.CancellationToken);
    }

    public override Task<ListCoachesResponse> ListCoaches(ListCoachesRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        var response = new ListCoachesResponse();
        response.Coaches.AddRange(store.Coaches());
        return Task.FromResult(response);
    }
}
