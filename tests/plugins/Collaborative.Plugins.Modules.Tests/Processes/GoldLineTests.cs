using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>The Gold Line's measures from known calls, logged through its own service on a running process.</summary>
[Collection(PluginProcessCollection.Name)]
public sealed class GoldLineTests
{
    private const string Nurse = "RN Holmes";
    private const string P1 = "943 476 5919";
    private const string P2 = "654 100 3238";
    private const string P3 = "999 000 0018";

    [Fact]
    public async Task Measures_FromKnownCalls_AreTheHandComputedFigures()
    {
        await using var plugin = await PluginProcess.StartAsync("plugins/GoldLine");
        async Task<GoldLineCall> Log(string utc, CallOutcome outcome, string patient, CallChannel channel = CallChannel.Phone) =>
            await plugin.Channel.UnaryAsync(Calls.GoldLine.LogCall, new LogCallRequest
            {
                Call = new GoldLineCall
                {
                    StartedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)),
                    Caller = CallerKind.Carer,
                    Channel = channel,
                    Reason = CallReason.SymptomControl,
                    Outcome = outcome,
                    DurationSeconds = 600,
                    Nurse = Nurse,
                    PatientNhsNumber = patient,
                },
            }, plugin.Options("clerk-3"));

        // March 2025 (GMT): five calls.
        Assert.False((await Log("2025-03-03T10:00:00Z", CallOutcome.ServiceCoordinated, P1)).OutOfHours); // Monday 10:00
        Assert.True((await Log("2025-03-03T07:59:00Z", CallOutcome.AdviceGiven, P1)).OutOfHours);         // before 08:00
        Assert.True((await Log("2025-03-04T18:30:00Z", CallOutcome.Admitted, P2, CallChannel.Video)).OutOfHours); // from 18:30
        Assert.True((await Log("2025-03-08T12:00:00Z", CallOutcome.VisitArranged, P3)).OutOfHours);       // Saturday
        Assert.False((await Log("2025-03-05T18:29:00Z", CallOutcome.AdmissionAvoided, "")).OutOfHours);   // a general enquiry
        // April 2025 (BST): Good Friday noon, and 07:30 UTC on a Tuesday, which is 08:30 on the ward.
        Assert.True((await Log("2025-04-18T11:00:00Z", CallOutcome.AdviceGiven, P1)).OutOfHours);
        Assert.False((await Log("2025-04-22T07:30:00Z", CallOutcome.AdviceGiven, P1)).OutOfHours);

        var latest = Calls.Latest((await Calls.CollectAsync(plugin)).Observations);
        Assert.Equal(5, latest[("goldline.calls", "2025-03")].Value);
        Assert.Equal(3, latest[("goldline.caseload", "2025-03")].Value);                 // P1, P2, P3
        AssertShare(latest[("goldline.coordinated-share", "2025-03")], 3, 5);            // coordinated, visit, admission avoided
        AssertShare(latest[("goldline.admission-share", "2025-03")], 1, 5);
        AssertShare(latest[("goldline.out-of-hours-share", "2025-03")], 3, 5);
        Assert.Equal(1, latest[("goldline.admissions-avoided", "2025-03")].Value);
        Assert.Equal(2, latest[("goldline.calls", "2025-04")].Value);
        Assert.Equal(1, latest[("goldline.caseload", "2025-04")].Value);
        AssertShare(latest[("goldline.out-of-hours-share", "2025-04")], 1, 2);
        // A month with no calls is reported as none, with no shares (nothing to divide).
        Assert.Equal(0, latest[("goldline.calls", "2025-05")].Value);
        Assert.False(latest.ContainsKey(("goldline.out-of-hours-share", "2025-05")));

        var march = await plugin.Channel.UnaryAsync(Calls.GoldLine.ListCalls, new ListCallsRequest { Period = "2025-03" }, plugin.Options("clerk-3"));
        Assert.Equal(5, march.Calls.Count);
        Assert.Equal(march.Calls.OrderBy(c => c.StartedAt).Select(c => c.CallId), march.Calls.Select(c => c.CallId));
    }

    [Fact]
    public async Task LogCall_RefusesWhatWouldCorruptTheMeasures()
    {
        await using var plugin = await PluginProcess.StartAsync("plugins/GoldLine");
        var call = new GoldLineCall
        {
            StartedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-10)),
            Caller = CallerKind.Patient,
            Channel = CallChannel.Phone,
            Reason = CallReason.Medication,
            Outcome = CallOutcome.AdviceGiven,
            DurationSeconds = 300,
            Nurse = Nurse,
        };
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.GoldLine.LogCall, new LogCallRequest { Call = call }, plugin.Options())));

        async Task<string> Refusal(Action<GoldLineCall> spoil)
        {
            var bad = call.Clone();
            spoil(bad);
            var error = await Assert.ThrowsAsync<RpcException>(() => plugin.Channel.UnaryAsync(Calls.GoldLine.LogCall, new LogCallRequest { Call = bad }, plugin.Options("clerk-3")));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            return error.Status.Detail;
        }

        Assert.StartsWith("call.patient_nhs_number:", await Refusal(c => c.PatientNhsNumber = "943 476 5918"));
        Assert.StartsWith("call.started_at:", await Refusal(c => c.StartedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(2))));
        Assert.StartsWith("call.outcome:", await Refusal(c => c.Outcome = CallOutcome.Unspecified));
        Assert.StartsWith("call.duration_seconds:", await Refusal(c => c.DurationSeconds = 0));
        Assert.StartsWith("call.nurse:", await Refusal(c => c.Nurse = " "));

        var logged = await plugin.Channel.UnaryAsync(Calls.GoldLine.LogCall, new LogCallRequest { Call = call }, plugin.Options("clerk-3"));
        Assert.StartsWith("GL-", logged.CallId);
    }

    private static void AssertShare(Observation observation, double numerator, double denominator)
    {
        Assert.Equal(numerator, observation.Numerator);
        Assert.Equal(denominator, observation.Denominator);
        Assert.Equal(100 * numerator / denominator, observation.Value, 9);
    }
}
