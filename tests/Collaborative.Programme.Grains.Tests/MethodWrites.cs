using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Programme.Defaults;
using Google.Protobuf;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// Method records as a caller writes them, on a copy of the corporate–clinical sample created under an id of the test's
/// own (a created programme is not seeded: its method starts empty, at version 0). Its goal "ward-issues-resolved" is
/// co-owned by the two Sheffield trusts, "dignity-always" also by Bradford; both are measured by month.
/// </summary>
internal static class MethodWrites
{
    public const string Ward = "ward-issues-resolved";
    public const string Dignity = "dignity-always";
    public const string Bradford = "bradford-teaching-ft";

    public static readonly MethodAuthor Leader = new() { Principal = "Board chair", Role = "leader" };

    /// <summary>Co-owns <see cref="Dignity"/>, not <see cref="Ward"/>.</summary>
    public static readonly MethodAuthor BradfordPartner = new() { Principal = "Bradford data team", Role = "partner", Partner = Bradford };

    public static MethodAuthor As(string role, string? partner = null) => new() { Principal = $"a {role}", Role = role, Partner = partner ?? string.Empty };

    public static async Task<(ProgrammeScope Scope, IProgrammeMethodGrain Method)> NewProgrammeAsync(IGrainFactory grains, string id)
    {
        var yaml = DefaultProgramme.CorporateClinicalYaml().Replace("id: sheffield-corporate-clinical", $"id: {id}", StringComparison.Ordinal);
        var creation = await grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key).CreateAsync(yaml, $"{id}.yaml");
        Assert.True(creation.Accepted, string.Join("; ", creation.Errors));
        return (creation.Scope!, grains.GetGrain<IProgrammeMethodGrain>(creation.Scope!.GrainKey));
    }

    public static PdsaCycleRecord Planned(string id = "") => new()
    {
        Id = id,
        GoalId = Ward,
        ChangeIdeaId = "desk.monthly-root-cause-review",
        Owner = "sheffield-health-social-care-ft",
        Status = "planned",
        Plan = "The procurement lead joins the month's root-cause review.",
        Prediction = "Fewer issues will come back from the same contract.",
    };

    /// <summary>The cycle moved on to <paramref name="status"/>, with the days and fields that status needs.</summary>
    public static PdsaCycleRecord Cycle(string id, string status) => With(Planned(id), c =>
    {
        c.Status = status;
        if (status != "planned")
        {
            c.Started = "2026-12-01";
        }

        if (status is "studying" or "done")
        {
            c.Ended = "2026-12-10";
            c.Study = "Two contracts' issues did not come back; one did.";
        }

        if (status == "done")
        {
            c.Act = "adopt";
        }
    });

    public static ChartAnnotationRecord Note(string id = "", string goal = Ward, string period = "2026-11", string text = "The estates contract was renewed.") =>
        new() { Id = id, GoalId = goal, Period = period, Text = text };

    public static ProgressScoreRecord Score(string goal, string month, double score, string note = "") =>
        new() { GoalId = goal, Month = month, Score = score, Note = note };

    public static LearningEventRecord Event(string id, params string[] goals)
    {
        var learningEvent = new LearningEventRecord { Id = id, Date = "2026-12-09", Kind = "action_period_review", Title = "Action-period review" };
        learningEvent.GoalIds.AddRange(goals);
        learningEvent.Lessons.AddRange(["Bring the procurement lead.", "Share patients' words the same day."]);
        return learningEvent;
    }

    public static MethodWrite Write(PdsaCycleRecord cycle) => new() { Cycle = cycle };

    public static MethodWrite Write(ChartAnnotationRecord annotation) => new() { Annotation = annotation };

    public static MethodWrite Write(ProgressScoreRecord score) => new() { Score = score };

    public static MethodWrite Write(LearningEventRecord learningEvent) => new() { LearningEvent = learningEvent };

    public static T With<T>(T message, Action<T> change)
        where T : IMessage<T>, IDeepCloneable<T>
    {
        var copy = message.Clone();
        change(copy);
        return copy;
    }

    public static (string Field, string Before, string After)[] Changes(MethodAuditEntry entry) =>
        [.. entry.Changes.Select(c => (c.Field, c.Before, c.After))];
}
