using Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>A note on the goal's chart as its form posts it; the author is the signed-in principal, set by the host.</summary>
public sealed class AnnotationInput
{
    public string Period { get; set => field = value ?? ""; } = "";

    public string Text { get; set => field = value ?? ""; } = "";

    public ChartAnnotationRecord ToRecord(string goalId) => new() { GoalId = goalId, Period = Period, Text = Text };
}
