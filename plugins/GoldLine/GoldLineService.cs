using Collaborative.Contracts.V1.Modules;
using GoldLineContract = Collaborative.Contracts.V1.Modules.GoldLine;
using Grpc.Core;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>collaborative.v1.modules.GoldLine: the nurses' call log.</summary>
internal sealed class GoldLineService(CallLog log, UkClock clock) : GoldLineContract.GoldLineBase
{
    public const int MaxDurationSeconds = 4 * 60 * 60;

    public override Task<GoldLineCall> LogCall(LogCallRequest request, ServerCallContext context)
    {
        var staff = StaffIdentity.Require(context);
        return log.LogAsync(Validate(request.Call, clock.UtcNow), staff, context.CancellationToken);
    }

    public override Task<ListCallsResponse> ListCalls(ListCallsRequest request, ServerCallContext context)
    {
        StaffIdentity.Require(context);
        if (!MonthlyPeriod.TryParse(request.Period, out var month))
        {
            throw RequestField.Invalid("period", $"'{request.Period}' is not a month; use YYYY-MM, e.g. 2026-03");
        }

        var response = new ListCallsResponse();
        response.Calls.AddRange(log.InMonth(month));
        return Task.FromResult(response);
    }

    internal static GoldLineCall Validate(GoldLineCall? call, DateTimeOffset now)
    {
        if (call is null)
        {
            throw RequestField.Invalid("call", "is required");
        }

        if (call.StartedAt is null)
        {
            throw RequestField.Invalid("call.started_at", "is required: when the call started");
        }

        var started = call.StartedAt.ToDateTimeOffset();
        // A few minutes' grace: phones and PCs disagree about the time.
        if (started > now.AddMinutes(5))
        {
            throw RequestField.Invalid("call.started_at", $"{started:u} is in the future; log a call once it has started");
        }

        if (started < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            throw RequestField.Invalid("call.started_at", $"{started:u} is before 2000; check the year");
        }

        if (call.DurationSeconds is < 1 or > MaxDurationSeconds)
        {
            throw RequestField.Invalid("call.duration_seconds", $"{call.DurationSeconds} is out of range; a call lasts 1 to {MaxDurationSeconds} seconds");
        }

        var patient = "";
        if (!string.IsNullOrWhiteSpace(call.PatientNhsNumber))
        {
            patient = NhsNumber.TryParse(call.PatientNhsNumber, out var number, out var problem)
                ? number.ToString()
                : throw RequestField.Invalid("call.patient_nhs_number", problem);
        }

        return new GoldLineCall
        {
            StartedAt = call.StartedAt,
            Caller = RequestField.RequiredEnum(call.Caller, "call.caller"),
            Channel = RequestField.RequiredEnum(call.Channel, "call.channel"),
            Reason = RequestField.RequiredEnum(call.Reason, "call.reason"),
            ReasonDetail = RequestField.Optional(call.ReasonDetail, "call.reason_detail", 1000),
            Outcome = RequestField.RequiredEnum(call.Outcome, "call.outcome"),
            DurationSeconds = call.DurationSeconds,
            Nurse = RequestField.Required(call.Nurse, "call.nurse", 100),
            PatientNhsNumber = patient,
        };
    }
}
