using Collaborative.Contracts.V1;
using Collaborative.Plugins.Modules;

namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>The academy as the host sees it: monthly aggregates, and findings when its learned rule is broken.</summary>
internal sealed class AcademyModule(ObservationOutbox outbox, AcademyStore store) : IProgrammeModule
{
    public const string OwnMicrosystemRule = "academy.coach-own-microsystem";

    // Outside coaches see what a team takes for granted; that is the improvement method, so the finding
    // is reported against the improvement-mindset principle (one of the five defaults every programme has).
    public const string Principle = "improvement-mindset";

    public static PluginDescription Description { get; } =
        ModuleDescription.Create("coaching-academy", "Microsystems coaching academy", "sheffield-teaching-ft", AcademyMeasures.Contributions, Contracts.V1.Modules.CoachingAcademy.Descriptor);

    public PluginDescription Describe() => Description;

    public IAsyncEnumerable<ObservationBatch> CollectObservationsAsync(string cursor, int maxBatch, CancellationToken cancellationToken) =>
        outbox.CollectAsync(cursor, maxBatch, cancellationToken);

    public Task<IReadOnlyList<AlignmentFinding>> EvaluateAlignmentAsync(string programmeId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlignmentFinding>>(store.OwnMicrosystemAssignments().Select(Finding).ToList());

    internal static AlignmentFinding Finding(OwnMicrosystemAssignment assignment) => new()
    {
        RuleId = OwnMicrosystemRule,
        PrincipleId = Principle,
        Severity = Severity.Warning,
        SubjectKind = "module",
        SubjectId = Description.Id,
        // Staff ids and team names only: enough to act on, nothing about patients.
        What = $"Coach {assignment.CoachId} is coaching their own microsystem, {assignment.Microsystem} ({assignment.Organisation}), since {assignment.StartsOn} (assignment {assignment.AssignmentId}).",
        Why = "The academy's learned rule: a coach should not coach their own microsystem. An outside coach sees what the team takes for granted and keeps the coach's role apart from being a team member.",
        Action = $"Assign a coach from another microsystem to {assignment.Microsystem}, and give {assignment.CoachId} a team elsewhere.",
        Source = Description.Id,
    };
}
