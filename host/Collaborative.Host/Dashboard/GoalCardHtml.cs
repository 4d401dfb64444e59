using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>A goal's status in a few lines: icons, latest value against the target.</summary>
internal static class GoalCardHtml
{
    public static string Card(Contract.GoalView goal, Contract.GoalProgress progress) => $"""
        <article class="goal-card" data-goal="{E(goal.Id)}">
        <h3><a href="/goals/{U(goal.Id)}">{E(goal.Title)}</a></h3>
        <p class="aim">{E(Aim(goal))}</p>
        <div class="icons">{SpcIconHtml.Variation(progress)}{SpcIconHtml.Assurance(progress)}</div>
        {Latest(progress)}
        </article>
        """;

    public static string Aim(Contract.GoalView goal) =>
        string.Join(", ", new[] { goal.AimWhat, goal.AimHowMuch, goal.AimByWhen.Length > 0 ? "by " + goal.AimByWhen : "" }.Where(s => s.Length > 0));

    /// <summary>Latest value against target, in words and numbers (never colour alone).</summary>
    public static string Latest(Contract.GoalProgress progress)
    {
        var latest = progress.HasLatestValue ? $"{N(progress.LatestValue)} {progress.Unit} ({progress.LatestPeriod})" : "no observations yet";
        var direction = progress.Improvement switch { "higher" => "higher is better", "lower" => "lower is better", _ => "no improvement direction" };
        var target = progress.HasTarget ? $"{N(progress.Target)} {progress.Unit}{(progress.TargetDate.Length > 0 ? " by " + progress.TargetDate : "")}" : "no target";
        var meets = progress.HasLatestMeetsTarget ? (progress.LatestMeetsTarget ? "met" : "not met") : "–";
        var meetsClass = progress.HasLatestMeetsTarget ? (progress.LatestMeetsTarget ? "met" : "not-met") : "unknown";
        return $"""
            <dl class="latest"><div><dt>Latest</dt><dd class="latest-value">{E(latest)}</dd></div><div><dt>Target</dt><dd>{E(target)} · {E(direction)}</dd></div><div><dt>Latest meets target</dt><dd class="target-{meetsClass}">{E(meets)}</dd></div></dl>
            """;
    }
}
