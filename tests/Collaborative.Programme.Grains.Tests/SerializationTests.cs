using System.Text.Json;
using Collaborative.Cluster.Serialization;
using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Collaborative.Programme.Grains.Tests.Observations;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// Every type a grain interface exchanges survives Orleans' serializer and deep copier as its exact type: a type
/// without a serializer would fail only at call time (CodecNotFoundException), so each is named here.
/// </summary>
public sealed class SerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(s => s.AddProtobufMessages()).BuildServiceProvider();

    public static TheoryData<object> Exchanged() =>
    [
        new ProgrammeDocument(3, "programme:\n  id: eol\n", "eol.yaml", []),
        new ProgrammeDocument(0, "", "", [new ProgrammeErrorLine("bad.yaml", 1, 36, "goals[0].target", "not a number")]),
        new ProgrammeErrorLine(null, null, null, "", "cannot read the programme file"),
        new ProgrammeUpdate(false, 2, [new ProgrammeErrorLine("bad.yaml", 4, 2, "measures", "missing")]),
        Batch(Monthly("a", "calls", "2026-01", 10), new Observation { Id = "b", MeasureId = "calls", Period = "2026-02-01", Value = 0.5, Numerator = 1, Denominator = 2, RecordedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) }),
        new MeasureBatch(MeasurePeriod.Week, [Monthly("w", "calls", "2026-W03", 1)], UpToFirstConflict: true),
        MeasurePeriod.Week,
        MeasureRecordOutcome.Conflict,
        new MeasureRecordResult("a", MeasureRecordOutcome.Revised, 2, 17, null),
        new MeasureRecordResult("b", MeasureRecordOutcome.Conflict, 0, 17, "kept the first"),
        new MeasureHistory("calls", MeasurePeriod.Month, 1, [Monthly("a", "calls", "2026-01", 10)]),
        new PartnerProfile("city-ft", "City FT", [new PartnerInProgramme("eol", "End of life", ["falls"], ["eol"], ["frailty"])], ["waiting-list"], 12),
        new PartnerInProgramme("coaching", "Coaching academy", ["coaches"], [], ["microsystems"]),
        ProgrammeScope.Of("eol"),
        ProgrammeScope.Legacy("eol"),
        new ProgrammePortfolio([ProgrammeScope.Legacy("eol"), ProgrammeScope.Of("coaching")], []),
        new ProgrammePortfolio([], [new ProgrammeErrorLine("first.yaml", 2, 1, "id", "required")]),
        new ProgrammeCreation(ProgrammeScope.Of("coaching"), 1, false, []),
        new ProgrammeCreation(null, 0, true, [new ProgrammeErrorLine("again.yaml", null, null, "id", "taken")]),
        new SignInSession("Chair", "leader", null, DateTimeOffset.UnixEpoch.AddDays(2), ["eol", "coaching"]),
        new CommunityProfile("frailty", "Frailty", ["city-ft"], [new GoalProgress { GoalId = "falls", LatestValue = 3, Points = { new ProgressPoint { Period = "2026-01", Value = 3 } } }]),
        new ModuleRegistration(false, false, DateTimeOffset.UnixEpoch.AddDays(1), "city-ft"),
        new GoalProgress { GoalId = "falls", MeasureId = "falls-rate", Variation = VariationIcon.VariationImprovementHigh, Segments = { new SpcSegment { Index = 1, Mean = 2 } } },
        new RegisteredModuleState { Description = new PluginDescription { Id = "desk", Services = { "desk.v1.Desk" } }, Partner = "city-ft", ObservationsReported = 4 },
        new PluginDescription { Id = "desk", Name = "Concierge desk", Version = "1.0.0" },
        new MethodWrite { Cycle = new PdsaCycleRecord { GoalId = "falls", ChangeIdeaId = "huddle", Status = "planned" } },
        new MethodAuthor { Principal = "City data team", Role = "partner", Partner = "city-ft" },
        new MethodRecords { Version = 3, Scores = { new ProgressScoreRecord { GoalId = "falls", Month = "2026-11", Score = 3.5 } }, LearningEvents = { new LearningEventRecord { Id = "event-1", GoalIds = { "falls" } } } },
        new MethodWriteResult(new MethodWriteResponse { Version = 4, Action = "created", Stored = new MethodWrite { Annotation = new ChartAnnotationRecord { Id = "note-1" } } }, []),
        new MethodWriteResult(null, [new ProgrammeErrorLine(null, null, null, "goal_ids[1]", "'x' is not a shared goal")]),
        new MethodWriteResult(null, [], "partner 'city-ft' does not co-own goal 'falls'"),
        new MethodAuditEntry { Version = 4, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), RecordKind = "annotation", Changes = { new FieldChange { Field = "text", After = "New lead" } } },
        System.Collections.Immutable.ImmutableArray.Create(new MethodAuditEntry { Version = 1, RecordKind = "sample" }),
    ];

    [Theory]
    [MemberData(nameof(Exchanged))]
    public void Serializer_RoundTripsEveryExchangedType(object value)
    {
        var serializer = _services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<object>(serializer.SerializeToArray<object>(value));

        Assert.IsType(value.GetType(), back);
        Assert.Equal(Json(value), Json(back));
    }

    [Theory]
    [MemberData(nameof(Exchanged))]
    public void Copier_CopiesEveryExchangedType(object value)
    {
        var copy = _services.GetRequiredService<DeepCopier>().Copy(value);

        Assert.IsType(value.GetType(), copy);
        Assert.Equal(Json(value), Json(copy));
    }

    public void Dispose() => _services.Dispose();

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());
}
