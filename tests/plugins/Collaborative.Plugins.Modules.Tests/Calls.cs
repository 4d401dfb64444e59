using Collaborative.Contracts;
using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Collaborative.Grpc;
using Collaborative.Grpc.Client;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;

namespace Collaborative.Plugins.Modules.Tests;

/// <summary>The methods the tests call, built from the contracts' descriptors as any client would.</summary>
internal static class Calls
{
    public static readonly Method<DescribeRequest, PluginDescription> Describe = Method.Create<DescribeRequest, PluginDescription>(ServiceDescriptors.Plugin, "Describe");
    public static readonly Method<CollectObservationsRequest, ObservationBatch> Collect = Method.Create<CollectObservationsRequest, ObservationBatch>(ServiceDescriptors.Plugin, "CollectObservations");
    public static readonly Method<EvaluateAlignmentRequest, EvaluateAlignmentResponse> Evaluate = Method.Create<EvaluateAlignmentRequest, EvaluateAlignmentResponse>(ServiceDescriptors.Plugin, "EvaluateAlignment");
    public static readonly Method<ShutdownRequest, ShutdownResponse> Shutdown = Method.Create<ShutdownRequest, ShutdownResponse>(ServiceDescriptors.Plugin, "Shutdown");
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Health = Method.Create<HealthCheckRequest, HealthCheckResponse>(ServiceDescriptors.Health, "Check");

    public static class Register
    {
        private static readonly ServiceDescriptor Service = ServiceDescriptors.Find(EndOfLifeRegisterReflection.Descriptor, "EndOfLifeRegister");
        public static readonly Method<RegisterPersonRequest, RegisterRecord> RegisterPerson = Method.Create<RegisterPersonRequest, RegisterRecord>(Service, "RegisterPerson");
        public static readonly Method<RecordConsentRequest, RegisterRecord> RecordConsent = Method.Create<RecordConsentRequest, RegisterRecord>(Service, "RecordConsent");
        public static readonly Method<RecordPreferencesRequest, RegisterRecord> RecordPreferences = Method.Create<RecordPreferencesRequest, RegisterRecord>(Service, "RecordPreferences");
        public static readonly Method<RecordCprDecisionRequest, RegisterRecord> RecordCprDecision = Method.Create<RecordCprDecisionRequest, RegisterRecord>(Service, "RecordCprDecision");
        public static readonly Method<SetReviewDateRequest, RegisterRecord> SetReviewDate = Method.Create<SetReviewDateRequest, RegisterRecord>(Service, "SetReviewDate");
        public static readonly Method<RecordDeathRequest, RegisterRecord> RecordDeath = Method.Create<RecordDeathRequest, RegisterRecord>(Service, "RecordDeath");
        public static readonly Method<GetRecordRequest, RegisterRecord> GetRecord = Method.Create<GetRecordRequest, RegisterRecord>(Service, "GetRecord");
        public static readonly Method<ListAuditEntriesRequest, ListAuditEntriesResponse> ListAuditEntries = Method.Create<ListAuditEntriesRequest, ListAuditEntriesResponse>(Service, "ListAuditEntries");
    }

    public static class GoldLine
    {
        private static readonly ServiceDescriptor Service = ServiceDescriptors.Find(GoldLineReflection.Descriptor, "GoldLine");
        public static readonly Method<LogCallRequest, GoldLineCall> LogCall = Method.Create<LogCallRequest, GoldLineCall>(Service, "LogCall");
        public static readonly Method<ListCallsRequest, ListCallsResponse> ListCalls = Method.Create<ListCallsRequest, ListCallsResponse>(Service, "ListCalls");
    }

    public static class Academy
    {
        private static readonly ServiceDescriptor Service = ServiceDescriptors.Find(CoachingAcademyReflection.Descriptor, "CoachingAcademy");
        public static readonly Method<CreateCohortRequest, Cohort> CreateCohort = Method.Create<CreateCohortRequest, Cohort>(Service, "CreateCohort");
        public static readonly Method<AddMicrosystemRequest, Microsystem> AddMicrosystem = Method.Create<AddMicrosystemRequest, Microsystem>(Service, "AddMicrosystem");
        public static readonly Method<EnrolCoachRequest, Coach> EnrolCoach = Method.Create<EnrolCoachRequest, Coach>(Service, "EnrolCoach");
        public static readonly Method<RecordTrainingCompletedRequest, Coach> RecordTrainingCompleted = Method.Create<RecordTrainingCompletedRequest, Coach>(Service, "RecordTrainingCompleted");
        public static readonly Method<SetCoachActiveRequest, Coach> SetCoachActive = Method.Create<SetCoachActiveRequest, Coach>(Service, "SetCoachActive");
        public static readonly Method<AssignCoachRequest, CoachingAssignment> AssignCoach = Method.Create<AssignCoachRequest, CoachingAssignment>(Service, "AssignCoach");
    }

    public static class Desk
    {
        private static readonly ServiceDescriptor Service = ServiceDescriptors.Find(ConciergeDeskReflection.Descriptor, "ConciergeDesk");
        public static readonly Method<LogConciergeRequest, ConciergeIssue> LogRequest = Method.Create<LogConciergeRequest, ConciergeIssue>(Service, "LogRequest");
        public static readonly Method<ResolveConciergeRequest, ConciergeIssue> ResolveRequest = Method.Create<ResolveConciergeRequest, ConciergeIssue>(Service, "ResolveRequest");
        public static readonly Method<ListConciergeRequests, ListConciergeIssues> ListRequests = Method.Create<ListConciergeRequests, ListConciergeIssues>(Service, "ListRequests");
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
