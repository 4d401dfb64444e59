using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Grpc.Net.Client;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;

namespace Collaborative.Plugins.Modules.Tests;

/// <summary>The methods the tests call, built from the contracts' descriptors as any client would.</summary>
internal static class Calls
{
    public static readonly Method<DescribeRequest, PluginDescription> Describe = GrpcTestCalls.Method<DescribeRequest, PluginDescription>(Collaborative.Contracts.V1.Plugin.Descriptor, "Describe");
    public static readonly Method<CollectObservationsRequest, ObservationBatch> Collect = GrpcTestCalls.Method<CollectObservationsRequest, ObservationBatch>(Collaborative.Contracts.V1.Plugin.Descriptor, "CollectObservations");
    public static readonly Method<EvaluateAlignmentRequest, EvaluateAlignmentResponse> Evaluate = GrpcTestCalls.Method<EvaluateAlignmentRequest, EvaluateAlignmentResponse>(Collaborative.Contracts.V1.Plugin.Descriptor, "EvaluateAlignment");
    public static readonly Method<ShutdownRequest, ShutdownResponse> Shutdown = GrpcTestCalls.Method<ShutdownRequest, ShutdownResponse>(Collaborative.Contracts.V1.Plugin.Descriptor, "Shutdown");
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Health = GrpcTestCalls.Method<HealthCheckRequest, HealthCheckResponse>(Grpc.Health.V1.Health.Descriptor, "Check");

    public static class Register
    {
        private static readonly ServiceDescriptor Service = EndOfLifeRegisterReflection.Descriptor.Services.Single(s => s.Name == "EndOfLifeRegister");
        public static readonly Method<RegisterPersonRequest, RegisterRecord> RegisterPerson = GrpcTestCalls.Method<RegisterPersonRequest, RegisterRecord>(Service, "RegisterPerson");
        public static readonly Method<RecordConsentRequest, RegisterRecord> RecordConsent = GrpcTestCalls.Method<RecordConsentRequest, RegisterRecord>(Service, "RecordConsent");
        public static readonly Method<RecordPreferencesRequest, RegisterRecord> RecordPreferences = GrpcTestCalls.Method<RecordPreferencesRequest, RegisterRecord>(Service, "RecordPreferences");
        public static readonly Method<RecordCprDecisionRequest, RegisterRecord> RecordCprDecision = GrpcTestCalls.Method<RecordCprDecisionRequest, RegisterRecord>(Service, "RecordCprDecision");
        public static readonly Method<SetReviewDateRequest, RegisterRecord> SetReviewDate = GrpcTestCalls.Method<SetReviewDateRequest, RegisterRecord>(Service, "SetReviewDate");
        public static readonly Method<RecordDeathRequest, RegisterRecord> RecordDeath = GrpcTestCalls.Method<RecordDeathRequest, RegisterRecord>(Service, "RecordDeath");
        public static readonly Method<GetRecordRequest, RegisterRecord> GetRecord = GrpcTestCalls.Method<GetRecordRequest, RegisterRecord>(Service, "GetRecord");
        public static readonly Method<ListAuditEntriesRequest, ListAuditEntriesResponse> ListAuditEntries = GrpcTestCalls.Method<ListAuditEntriesRequest, ListAuditEntriesResponse>(Service, "ListAuditEntries");
    }

    public static class GoldLine
    {
        private static readonly ServiceDescriptor Service = GoldLineReflection.Descriptor.Services.Single(s => s.Name == "GoldLine");
        public static readonly Method<LogCallRequest, GoldLineCall> LogCall = GrpcTestCalls.Method<LogCallRequest, GoldLineCall>(Service, "LogCall");
        public static readonly Method<ListCallsRequest, ListCallsResponse> ListCalls = GrpcTestCalls.Method<ListCallsRequest, ListCallsResponse>(Service, "ListCalls");
    }

    public static class Academy
    {
        private static readonly ServiceDescriptor Service = CoachingAcademyReflection.Descriptor.Services.Single(s => s.Name == "CoachingAcademy");
        public static readonly Method<CreateCohortRequest, Cohort> CreateCohort = GrpcTestCalls.Method<CreateCohortRequest, Cohort>(Service, "CreateCohort");
        public static readonly Method<AddMicrosystemRequest, Microsystem> AddMicrosystem = GrpcTestCalls.Method<AddMicrosystemRequest, Microsystem>(Service, "AddMicrosystem");
        public static readonly Method<EnrolCoachRequest, Coach> EnrolCoach = GrpcTestCalls.Method<EnrolCoachRequest, Coach>(Service, "EnrolCoach");
        public static readonly Method<RecordTrainingCompletedRequest, Coach> RecordTrainingCompleted = GrpcTestCalls.Method<RecordTrainingCompletedRequest, Coach>(Service, "RecordTrainingCompleted");
        public static readonly Method<SetCoachActiveRequest, Coach> SetCoachActive = GrpcTestCalls.Method<SetCoachActiveRequest, Coach>(Service, "SetCoachActive");
        public static readonly Method<AssignCoachRequest, CoachingAssignment> AssignCoach = GrpcTestCalls.Method<AssignCoachRequest, CoachingAssignment>(Service, "AssignCoach");
    }

    public static class Desk
    {
        private static readonly ServiceDescriptor Service = ConciergeDeskReflection.Descriptor.Services.Single(s => s.Name == "ConciergeDesk");
        public static readonly Method<LogConciergeRequest, ConciergeIssue> LogRequest = GrpcTestCalls.Method<LogConciergeRequest, ConciergeIssue>(Service, "LogRequest");
        public static readonly Method<ResolveConciergeRequest, ConciergeIssue> ResolveRequest = GrpcTestCalls.Method<ResolveConciergeRequest, ConciergeIssue>(Service, "ResolveRequest");
        public static readonly Method<ListConciergeRequests, ListConciergeIssues> ListRequests = GrpcTestCalls.Method<ListConciergeRequests, ListConciergeIssues>(Service, "ListRequests");
    }

    /// <summary>Every observation after <paramref name="cursor"/>, and the cursor after the last batch (unchanged when there was none).</summary>
    public static async Task<(List<Observation> Observations, string Cursor, int Batches)> CollectAsync(PluginProcess plugin, string cursor = "", int maxBatch = 0)
    {
        using var call = plugin.Channel.AsyncServerStreamingCall(Collect, new CollectObservationsRequest { Cursor = cursor, MaxBatch = maxBatch }, plugin.Options());
        var observations = new List<Observation>();
        var batches = 0;
        await foreach (var batch in call.ResponseStream.ReadAllAsync())
        {
            Assert.True(maxBatch == 0 || batch.Observations.Count <= maxBatch, $"a batch of {batch.Observations.Count} exceeds max_batch {maxBatch}");
            observations.AddRange(batch.Observations);
            cursor = batch.Cursor;
            batches++;
        }

        return (observations, cursor, batches);
    }

    /// <summary>The latest value the module reported for each (measure, period): later rows revise earlier ones.</summary>
    public static Dictionary<(string Measure, string Period), Observation> Latest(IEnumerable<Observation> observations)
    {
        var latest = new Dictionary<(string, string), Observation>();
        foreach (var observation in observations)
        {
            latest[(observation.MeasureId, observation.Period)] = observation;
        }

        return latest;
    }

    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return error.StatusCode;
    }
}
