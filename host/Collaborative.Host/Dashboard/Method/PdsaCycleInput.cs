using Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>
/// A PDSA cycle as its form posts it: every field as typed, so a refused form shows it again as it was. The goal is
/// the page's, never a field; an empty <see cref="Id"/> records a new cycle. A field posted empty arrives as null and
/// is kept as empty text, as are those of the other forms' inputs.
/// </summary>
public sealed class PdsaCycleInput
{
    public string Id { get; set => field = value ?? ""; } = "";

    public string ChangeIdea { get; set => field = value ?? ""; } = "";

    public string Owner { get; set => field = value ?? ""; } = "";

    public string Status { get; set => field = value ?? ""; } = "";

    public string Plan { get; set => field = value ?? ""; } = "";

    public string Prediction { get; set => field = value ?? ""; } = "";

    public string Started { get; set => field = value ?? ""; } = "";

    public string Ended { get; set => field = value ?? ""; } = "";

    public string Study { get; set => field = value ?? ""; } = "";

    public string Act { get; set => field = value ?? ""; } = "";

    public PdsaCycleRecord ToRecord(string goalId) => new()
    {
        Id = Id,
        GoalId = goalId,
        ChangeIdeaId = ChangeIdea,
        Owner = Owner,
        Status = Status,
        Plan = Plan,
        Prediction = Prediction,
        Started = Started,
        Ended = Ended,
        Study = Study,
        Act = Act,
    };

    public static PdsaCycleInput From(PdsaCycleRecord cycle) => new()
    {
        Id = cycle.Id,
        ChangeIdea = cycle.ChangeIdeaId,
        Owner = cycle.Owner,
        Status = cycle.Status,
        Plan = cycle.Plan,
        Prediction = cycle.Prediction,
        Started = cycle.Started,
        Ended = cycle.Ended,
        Study = cycle.Study,
        Act = cycle.Act,
    };
}
