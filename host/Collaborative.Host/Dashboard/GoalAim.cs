using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>A goal's aim in one line: what, how much, by when.</summary>
internal static class GoalAim
{
    public static string Of(Contract.GoalView goal) =>
        string.Join(", ", new[] { goal.AimWhat, goal.AimHowMuch, goal.AimByWhen.Length > 0 ? "by " + goal.AimByWhen : "" }.Where(s => s.Length > 0));
}
